package org.ethercattle.log.nats;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * A parsed {@code nats://host:port[,host:port]/<stream>?<parameters>} spec; see {@code log-nats/README.md}
 * for every parameter and its default. Immutable.
 *
 * @param spec             the spec as written, secrets masked (safe to put in messages)
 * @param stream           the JetStream stream name
 * @param subject          the one subject the stream holds and producers publish to
 * @param createStream     whether to create the stream when it is missing
 * @param maxMessageBytes  a lower message limit than the server's, or 0 for the server's
 * @param duplicateWindow  the stream's deduplication window (used when creating it)
 * @param maxMsgs          retention by count when creating the stream, or -1 (unlimited)
 * @param maxBytes         retention by size when creating the stream, or -1 (unlimited)
 * @param maxAge           retention by age when creating the stream, or {@link Duration#ZERO} (unlimited)
 * @param replicas         the stream's replica count when creating it
 * @param retryFor         how long a producer keeps retrying one message before it fails
 * @param ackTimeout       how long one publish attempt waits for its acknowledgement
 * @param prefetchBytes    how many bytes a consumer asks the server for ahead of polling
 * @param connection       servers and credentials
 */
record NatsLogOptions(String spec, String stream, String subject, boolean createStream, int maxMessageBytes,
        Duration duplicateWindow, long maxMsgs, long maxBytes, Duration maxAge, int replicas, Duration retryFor,
        Duration ackTimeout, long prefetchBytes, NatsConnectionSettings connection) {

    static final int DEFAULT_PORT = 4222;
    static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofMinutes(2);
    static final Duration DEFAULT_RETRY_FOR = Duration.ofSeconds(60);
    static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(5);
    static final long DEFAULT_PREFETCH_BYTES = 8L << 20;

    /** What JetStream accepts as a stream name: no dots, wildcards, spaces or path separators. */
    private static final Pattern STREAM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern HOST_PORT =
            Pattern.compile("[A-Za-z0-9._\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:]+\\](:[0-9]{1,5})?");

    private static final Set<String> PARAMETERS = Set.of("subject", "createStream", "maxMessageBytes",
            "duplicateWindow", "maxMsgs", "maxBytes", "maxAge", "replicas", "retryFor", "ackTimeout",
            "prefetchBytes", "connectTimeout", "config", "creds", "user", "password", "token", "tls",
            "trustStore", "trustStorePassword", "keyStore", "keyStorePassword");

    /** Parses and validates {@code spec}; throws {@link SpecException} naming the problem and the fix. */
    static NatsLogOptions parse(Spec spec) {
        spec.requireOnly(PARAMETERS);
        String shown = spec.toString();
        List<String> servers = servers(spec, shown);
        String stream = spec.path();
        if (!STREAM_NAME.matcher(stream).matches()) {
            throw new SpecException("spec '" + shown + "' names stream '" + stream + "'; a JetStream stream name is"
                    + " 1 to 255 letters, digits, '_' or '-' (no '.', '*', '>', '/' or spaces), e.g."
                    + " nats://127.0.0.1:4222/mainnet-cdc");
        }
        String subject = spec.param("subject", "cattle." + stream);
        if (subject.isBlank() || subject.contains(" ") || subject.contains("*") || subject.contains(">")
                || subject.startsWith(".") || subject.endsWith(".") || subject.contains("..")) {
            throw new SpecException("spec '" + shown + "': subject '" + subject + "' is not a literal NATS subject;"
                    + " use dot-separated tokens without wildcards, e.g. cattle." + stream);
        }
        long maxMessageBytes = spec.sizeParam("maxMessageBytes", 0);
        if (spec.params().containsKey("maxMessageBytes")
                && (maxMessageBytes < 1 || maxMessageBytes > Integer.MAX_VALUE)) {
            throw new SpecException("spec '" + shown + "': maxMessageBytes must be between 1 and the server's"
                    + " max_payload (1m by default)");
        }
        Duration duplicateWindow = positive(spec, shown, "duplicateWindow", DEFAULT_DUPLICATE_WINDOW);
        Duration retryFor = positive(spec, shown, "retryFor", DEFAULT_RETRY_FOR);
        if (retryFor.compareTo(duplicateWindow) >= 0) {
            throw new SpecException("spec '" + shown + "': retryFor (" + retryFor + ") must be shorter than"
                    + " duplicateWindow (" + duplicateWindow + "), or a message retried after the window could"
                    + " be stored twice; lower retryFor or raise duplicateWindow");
        }
        long maxMsgs = spec.longParam("maxMsgs", -1);
        long maxBytes = spec.sizeParam("maxBytes", -1);
        if (maxMsgs == 0 || maxMsgs < -1) {
            throw new SpecException("spec '" + shown + "': maxMsgs must be a positive count"
                    + " (or left out for no limit)");
        }
        if (maxBytes == 0) {
            throw new SpecException("spec '" + shown + "': maxBytes must be a positive size"
                    + " (or left out for no limit)");
        }
        long replicas = spec.longParam("replicas", 1);
        if (replicas < 1 || replicas > 5) {
            throw new SpecException("spec '" + shown + "': replicas must be between 1 and 5 (JetStream's limit)");
        }
        long prefetchBytes = spec.sizeParam("prefetchBytes", DEFAULT_PREFETCH_BYTES);
        if (prefetchBytes < 1024 || prefetchBytes > Integer.MAX_VALUE) {
            throw new SpecException("spec '" + shown + "': prefetchBytes must be between 1k and 2g");
        }
        return new NatsLogOptions(shown, stream, subject, spec.booleanParam("createStream", true),
                (int) maxMessageBytes,
                duplicateWindow, maxMsgs, maxBytes, spec.durationParam("maxAge", Duration.ZERO), (int) replicas,
                retryFor, positive(spec, shown, "ackTimeout", DEFAULT_ACK_TIMEOUT), prefetchBytes,
                connection(spec, shown, servers));
    }

    private static List<String> servers(Spec spec, String shown) {
        String authority = spec.authority();
        if (authority == null || authority.isEmpty()) {
            throw new SpecException("spec '" + shown + "' names no server; write it as"
                    + " nats://host:port[,host:port]/<stream>, e.g. nats://127.0.0.1:4222/mainnet-cdc");
        }
        if (authority.contains("@")) {
            // Refused, and not echoed, since what precedes '@' may be a password (Spec.toString masks it too).
            throw new SpecException("a nats:// spec for stream '" + spec.path() + "' has credentials before '@' in its"
                    + " server list; pass them as parameters instead (user=...&password=..., token=..., or"
                    + " creds=/path/to/user.creds)");
        }
        List<String> servers = new ArrayList<>();
        for (String hostPort : authority.split(",")) {
            if (!HOST_PORT.matcher(hostPort).matches()) {
                throw new SpecException("spec '" + shown + "': '" + hostPort + "' is not host or host:port");
            }
            boolean hasPort = hostPort.startsWith("[") ? hostPort.contains("]:") : hostPort.contains(":");
            servers.add("nats://" + hostPort + (hasPort ? "" : ":" + DEFAULT_PORT));
        }
        return servers;
    }

    private static NatsConnectionSettings connection(Spec spec, String shown, List<String> servers) {
        String password = spec.param("password", null);
        String user = spec.param("user", null);
        if (password != null && user == null) {
            throw new SpecException("spec '" + shown + "' gives a password but no user; add user=<name>");
        }
        Path trustStore = path(spec, "trustStore");
        Path keyStore = path(spec, "keyStore");
        return new NatsConnectionSettings(servers, path(spec, "config"), path(spec, "creds"), user, password,
                spec.param("token", null), spec.booleanParam("tls", false), trustStore,
                spec.param("trustStorePassword", null), keyStore, spec.param("keyStorePassword", null),
                positive(spec, shown, "connectTimeout", Duration.ofSeconds(10)));
    }

    private static Path path(Spec spec, String name) {
        String value = spec.param(name, null);
        return value == null ? null : Path.of(value);
    }

    private static Duration positive(Spec spec, String shown, String name, Duration defaultValue) {
        Duration value = spec.durationParam(name, defaultValue);
        if (value.isNegative() || value.isZero()) {
            throw new SpecException("spec '" + shown + "': " + name + " must be a positive duration such as 30s");
        }
        return value;
    }
}
