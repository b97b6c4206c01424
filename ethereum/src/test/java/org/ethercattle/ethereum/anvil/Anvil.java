package org.ethercattle.ethereum.anvil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
  * A running Anvil node (Foundry's local Ethereum node), used as an independent oracle in tests.
  *
  * <p>{@link #start(Option...)} installs Anvil {@value #VERSION} from the npm registry into
  * {@code ~/.cache/cattle/anvil-1.7.1/anvil} when it is not there yet (the tarball is verified against the
  * registry's {@code dist.integrity} sha512), launches it on a free loopback port and returns once
  * {@code eth_chainId} answers. Any failure (download, checksum, start) throws {@link IllegalStateException}
  * naming what failed: tests that need Anvil fail rather than skip, so a missing oracle is never silent.
  *
  * <p>Not thread-safe; one instance per test class. {@link #close()} kills the process.
  */
public final class Anvil implements AutoCloseable {

    /** The Anvil release the tests are written against. */
    public static final String VERSION = "1.7.1";

    private static final String PACKAGE = "@foundry-rs/anvil-linux-amd64";
    private static final String METADATA_URL = "https://registry.npmjs.org/" + PACKAGE + "/" + VERSION;
    private static final String TARBALL_URL =
            "https://registry.npmjs.org/" + PACKAGE + "/-/anvil-linux-amd64-" + VERSION + ".tgz";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern PRIVATE_KEY = Pattern.compile("^\\((\\d+)\\)\\s+(0x[0-9a-fA-F]{64})\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String url;
    private final long chainId;
    private final List<String> privateKeys;
    private final List<String> output;

    private Anvil(Process process, String url, long chainId, List<String> privateKeys, List<String> output) {
        this.process = process;
        this.url = url;
        this.chainId = chainId;
        this.privateKeys = privateKeys;
        this.output = output;
    }

    /**
      * A command-line option passed to Anvil.
      *
      * @param args the arguments, for example {@code "--block-time", "1"}
      */
    public record Option(List<String> args) {
        /** Copies the arguments. */
        public Option {
            args = List.copyOf(args);
        }

        /** {@code --chain-id id} (the default is 31337). */
        public static Option chainId(long id) {
            return new Option(List.of("--chain-id", Long.toString(id)));
        }

        /** {@code --hardfork name}; the default used by {@link #start} is {@code prague}. */
        public static Option hardfork(String name) {
            return new Option(List.of("--hardfork", name));
        }

        /** {@code --block-time seconds}: interval mining instead of the default automine. */
        public static Option blockTime(int seconds) {
            return new Option(List.of("--block-time", Integer.toString(seconds)));
        }

        /** {@code --no-mining}: blocks are mined only by {@code evm_mine} / {@code anvil_mine}. */
        public static Option noMining() {
            return new Option(List.of("--no-mining"));
        }

        /** Any other option, passed verbatim. */
        public static Option raw(String... args) {
            return new Option(List.of(args));
        }
    }

    /**
      * Installs Anvil if needed and starts it on a free loopback port.
      *
      * <p>Unless an option says otherwise, it runs with {@code --hardfork prague} and automine.
      *
      * @param options extra command-line options; later ones win where Anvil allows repeats
      * @return the running node, answering {@code eth_chainId}
      * @throws IllegalStateException if Anvil cannot be installed or does not start within 30 seconds
      */
    public static Anvil start(Option... options) {
        Path binary = install();
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port)));
        boolean hardforkGiven = false;
        for (Option option : options) {
            hardforkGiven |= option.args().contains("--hardfork");
            command.addAll(option.args());
        }
        if (!hardforkGiven) {
            command.addAll(Option.hardfork("prague").args());
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start Anvil at " + binary + ": " + e.getMessage()
                    + "; delete " + binary.getParent() + " to reinstall it", e);
        }
        List<String> output = new CopyOnWriteArrayList<>();
        List<String> keys = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> drain(process.getInputStream(), output, keys), "anvil-output-" + port);
        reader.setDaemon(true);
        reader.start();
        String url = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Anvil exited with code " + process.exitValue() + " before answering "
                        + "eth_chainId; command " + command + "; output:\n" + String.join("\n", output));
            }
            try {
                JsonNode reply = call(http, url, "eth_chainId", "[]");
                long chainId = Long.decode(reply.get("result").asText());
                // The key list is printed before "Listening on", which precedes a successful answer.
                return new Anvil(process, url, chainId, List.copyOf(keys), output);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Anvil did not answer eth_chainId at " + url + " within "
                            + START_TIMEOUT + "; output:\n" + String.join("\n", output), e);
                }
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while waiting for Anvil to start", e);
            }
        }
    }

    /**
      * Ensures the Anvil binary is installed and returns its path.
      *
      * @return {@code ~/.cache/cattle/anvil-1.7.1/anvil}, executable
      * @throws IllegalStateException if the download or its verification fails
      */
    public static Path install() {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "cattle", "anvil-" + VERSION);
        Path binary = dir.resolve("anvil");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            String integrity = JSON.readTree(fetch(http, METADATA_URL)).path("dist").path("integrity").asText("");
            if (!integrity.startsWith("sha512-")) {
                throw new IllegalStateException("npm metadata at " + METADATA_URL + " has no sha512 dist.integrity ("
                        + integrity + "); cannot verify the Anvil download");
            }
            byte[] tarball = fetch(http, TARBALL_URL);
            byte[] expected = Base64.getDecoder().decode(integrity.substring("sha512-".length()));
            byte[] actual = MessageDigest.getInstance("SHA-512").digest(tarball);
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new IllegalStateException("Anvil tarball " + TARBALL_URL + " does not match dist.integrity "
                        + integrity + " (got sha512-" + Base64.getEncoder().encodeToString(actual)
                        + "); the download is corrupt or tampered with -- retry, or check the registry");
            }
            byte[] executable = TarEntries.read(new GZIPInputStream(new ByteArrayInputStream(tarball)),
                    "package/bin/anvil");
            Files.createDirectories(dir);
            // Written aside and moved, so a concurrent or interrupted install never leaves a half binary.
            Path partial = Files.createTempFile(dir, "anvil", ".partial");
            Files.write(partial, executable);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } catch (IOException e) {
            throw new IllegalStateException("could not install Anvil " + VERSION + " from " + TARBALL_URL + " into "
                    + dir + ": " + e + "; check access to registry.npmjs.org", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while downloading Anvil", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-512, needed to verify the Anvil download", e);
        }
    }

    /** The node's JSON-RPC endpoint, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return url;
    }

    /** The chain id the node answered with at start. */
    public long chainId() {
        return chainId;
    }

    /**
      * The dev accounts' private keys, as Anvil printed them ({@code 0x} + 64 hex digits), in account order.
      * They derive from the standard test mnemonic unless an option changed it; each account starts rich.
      */
    public List<String> privateKeys() {
        return privateKeys;
    }

    /**
      * Sends one JSON-RPC request and returns the {@code result}.
      *
      * @param method the method name
      * @param paramsJson the params array as JSON text, for example {@code "[\"latest\", false]"}
      * @return the result node (may be a JSON null)
      * @throws IllegalStateException if the node answers with an error or cannot be reached
      */
    public JsonNode rpc(String method, String paramsJson) {
        try {
            JsonNode reply = call(HttpClient.newHttpClient(), url, method, paramsJson);
            if (reply.has("error")) {
                throw new IllegalStateException("Anvil answered " + method + paramsJson + " with "
                        + reply.get("error"));
            }
            return reply.get("result");
        } catch (IOException e) {
            throw new IllegalStateException("Anvil at " + url + " did not answer " + method + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling Anvil " + method, e);
        }
    }

    /**
     * Waits until transaction {@code hash} has a receipt: with automine, {@code eth_sendTransaction} answers before
     * the block is sealed, and a reader asking at once may not see it yet.
     *
     * @return the receipt
     * @throws IllegalStateException if it is not mined within 10 seconds (mining off, or the transaction dropped)
     */
    public JsonNode awaitReceipt(String hash) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode receipt = rpc("eth_getTransactionReceipt", "[\"" + hash + "\"]");
            if (receipt != null && !receipt.isNull()) {
                return receipt;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Anvil did not mine " + hash + " within 10 s; is mining off?");
            }
            sleep(10);
        }
    }

    /** What Anvil has printed so far, for failure messages. */
    public String output() {
        return String.join("\n", output);
    }

    /** Kills the node and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static JsonNode call(HttpClient http, String url, String method, String paramsJson)
            throws IOException, InterruptedException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static byte[] fetch(HttpClient http, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static void drain(InputStream in, List<String> output, List<String> keys) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean inKeys = false;
            for (String line; (line = reader.readLine()) != null; ) {
                if (output.size() < 2000) {
                    output.add(line);
                }
                if (line.startsWith("Private Keys")) {
                    inKeys = true;
                } else if (line.startsWith("Wallet") || line.startsWith("Chain ID")) {
                    inKeys = false;
                }
                Matcher m = PRIVATE_KEY.matcher(line.trim());
                if (inKeys && m.matches()) {
                    keys.add(m.group(2));
                }
            }
        } catch (IOException ignored) {
            // The process ended; its exit is reported by whoever waits on it.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for Anvil", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
