package org.ethercattle.log.pulsar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * The settings of a {@code pulsar://host:port/persistent/tenant/namespace/topic?...} spec.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code maxMessageBytes} (size, default 5m): the largest message appended; the producer lowers it
 *       to the broker's own {@code maxMessageSize} minus 1 KiB for Pulsar's per-message metadata.</li>
 *   <li>{@code token} or {@code tokenFile}: JWT token authentication, inline or read from a file (re-read
 *       on every authentication, so a rotated file is picked up). Never logged.</li>
 *   <li>{@code tls} (boolean, default false): connect with {@code pulsar+ssl://};
 *       {@code tlsTrustCertsFile} (PEM CA file), {@code tlsAllowInsecure} (default false),
 *       {@code tlsHostnameVerification} (default true).</li>
 *   <li>{@code operationTimeout} (duration, default 30s): lookups, creating producers and readers.</li>
 *   <li>{@code sendTimeout} (duration, default 0 = never): how long an append may wait for the broker.
 *       With 0 an append survives a broker outage: the producer resends, in order, once it reconnects.</li>
 *   <li>{@code maxPendingMessages} (default 1000): appends in flight before {@code append} blocks.</li>
 *   <li>{@code receiverQueueSize} (default 1000): messages a consumer prefetches.</li>
 * </ul>
 *
 * @param serviceUrl         {@code pulsar://host:port} or {@code pulsar+ssl://host:port}
 * @param topic              the full topic name, {@code persistent://tenant/namespace/topic}
 * @param maxMessageBytes    the configured message limit
 * @param token              inline token, or {@code null}
 * @param tokenFile          token file, or {@code null}
 * @param tlsTrustCertsFile  PEM trust file, or {@code null}
 * @param tlsAllowInsecure   accept untrusted broker certificates
 * @param tlsHostnameVerification check the broker certificate's host name
 * @param operationTimeout   timeout of lookups and opens
 * @param sendTimeout        per-append timeout, zero for none
 * @param maxPendingMessages appends in flight before append blocks
 * @param receiverQueueSize  consumer prefetch
 * @param specText           the spec with secrets masked, for messages
 */
public record PulsarLogOptions(String serviceUrl, String topic, int maxMessageBytes, String token, Path tokenFile,
                               Path tlsTrustCertsFile, boolean tlsAllowInsecure, boolean tlsHostnameVerification,
                               Duration operationTimeout, Duration sendTimeout, int maxPendingMessages,
                               int receiverQueueSize, String specText) {

    /** Pulsar's default {@code maxMessageSize}. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

    private static final Set<String> PARAMETERS = Set.of("maxMessageBytes", "token", "tokenFile", "tls",
            "tlsTrustCertsFile", "tlsAllowInsecure", "tlsHostnameVerification", "operationTimeout", "sendTimeout",
            "maxPendingMessages", "receiverQueueSize");

    /** Parses and checks a {@code pulsar:} spec; throws {@link SpecException} naming the problem and the fix. */
    public static PulsarLogOptions from(Spec spec) {
        spec.requireOnly(PARAMETERS);
        String example = "pulsar://127.0.0.1:6650/persistent/public/default/mainnet-cdc";
        if (spec.authority() == null || spec.authority().isBlank()) {
            throw new SpecException("spec '" + spec + "' names no broker; write it as " + example);
        }
        if (spec.authority().contains("@")) {
            // Pulsar takes no user-info, and the service URL reaches client messages: refuse it before it leaks.
            throw new SpecException("spec '" + spec + "' has credentials before '@' in its broker address; give a"
                    + " token as token=... or tokenFile=... instead");
        }
        String[] parts = spec.path().split("/", -1);
        if (parts.length != 4 || Set.of(parts).contains("")) {
            throw new SpecException("spec '" + spec + "' must name a topic as persistent/tenant/namespace/topic, e.g. "
                    + example);
        }
        if (!parts[0].equals("persistent")) {
            throw new SpecException("spec '" + spec + "' names a " + parts[0] + " topic; Cattle needs a persistent"
                    + " topic (a replica must be able to re-read it): write persistent/" + parts[1] + "/" + parts[2]
                    + "/" + parts[3]);
        }
        long maxBytes = spec.sizeParam("maxMessageBytes", DEFAULT_MAX_MESSAGE_BYTES);
        if (maxBytes < 1024 || maxBytes > DEFAULT_MAX_MESSAGE_BYTES * 20L) {
            throw new SpecException("spec '" + spec + "': maxMessageBytes=" + maxBytes + " is outside 1k..100m;"
                    + " Pulsar's default limit is 5m");
        }
        String token = spec.params().get("token");
        String tokenFile = spec.params().get("tokenFile");
        if (token != null && tokenFile != null) {
            throw new SpecException("spec '" + spec + "' gives both token and tokenFile; give one");
        }
        if (tokenFile != null && !Files.isReadable(Path.of(tokenFile))) {
            throw new SpecException("spec '" + spec + "': tokenFile " + tokenFile + " is not a readable file");
        }
        boolean tls = spec.booleanParam("tls", false);
        String trust = spec.params().get("tlsTrustCertsFile");
        if (trust != null && !Files.isReadable(Path.of(trust))) {
            throw new SpecException("spec '" + spec + "': tlsTrustCertsFile " + trust + " is not a readable file");
        }
        if (!tls && (trust != null || spec.params().containsKey("tlsAllowInsecure")
                || spec.params().containsKey("tlsHostnameVerification"))) {
            throw new SpecException("spec '" + spec + "' sets TLS parameters without tls=true; add tls=true");
        }
        Duration sendTimeout = spec.durationParam("sendTimeout", Duration.ZERO);
        Duration operationTimeout = spec.durationParam("operationTimeout", Duration.ofSeconds(30));
        if (operationTimeout.isZero() || operationTimeout.isNegative() || sendTimeout.isNegative()) {
            throw new SpecException("spec '" + spec + "': operationTimeout must be positive and sendTimeout"
                    + " zero (never) or positive");
        }
        return new PulsarLogOptions((tls ? "pulsar+ssl://" : "pulsar://") + spec.authority(),
                "persistent://" + parts[1] + "/" + parts[2] + "/" + parts[3], (int) maxBytes, token,
                tokenFile == null ? null : Path.of(tokenFile), trust == null ? null : Path.of(trust),
                spec.booleanParam("tlsAllowInsecure", false), spec.booleanParam("tlsHostnameVerification", true),
                operationTimeout, sendTimeout, positiveInt(spec, "maxPendingMessages", 1000),
                positiveInt(spec, "receiverQueueSize", 1000), spec.toString());
    }

    private static int positiveInt(Spec spec, String name, int defaultValue) {
        long value = spec.longParam(name, defaultValue);
        if (value < 1 || value > 1_000_000) {
            throw new SpecException("spec '" + spec + "': " + name + "=" + value + " is outside 1..1000000");
        }
        return (int) value;
    }

    /** A new client for these settings; the caller closes it. */
    PulsarClient connect() {
        ClientBuilder builder = PulsarClient.builder()
                .serviceUrl(serviceUrl)
                .operationTimeout((int) operationTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .connectionTimeout((int) Math.min(operationTimeout.toMillis(), Integer.MAX_VALUE), TimeUnit.MILLISECONDS)
                // Reconnect soon after a broker restart (the default backoff grows to a minute).
                .startingBackoffInterval(100, TimeUnit.MILLISECONDS)
                .maxBackoffInterval(5, TimeUnit.SECONDS)
                // Cattle's own threads do the work; the client needs few.
                .ioThreads(1)
                .listenerThreads(1);
        if (token != null) {
            builder.authentication(AuthenticationFactory.token(token));
        } else if (tokenFile != null) {
            Path file = tokenFile;
            builder.authentication(AuthenticationFactory.token(() -> readToken(file)));
        }
        if (serviceUrl.startsWith("pulsar+ssl://")) {
            builder.allowTlsInsecureConnection(tlsAllowInsecure).enableTlsHostnameVerification(tlsHostnameVerification);
            if (tlsTrustCertsFile != null) {
                builder.tlsTrustCertsFilePath(tlsTrustCertsFile.toString());
            }
        }
        try {
            return builder.build();
        } catch (PulsarClientException e) {
            throw LogException.fatal("cannot create a Pulsar client for " + specText + ": " + e.getMessage()
                    + "; check the broker address and TLS settings", e);
        }
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            // The message names the file, never its content.
            throw LogException.retriable("cannot read the Pulsar token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "PulsarLogOptions{" + specText + "}";
    }
}
