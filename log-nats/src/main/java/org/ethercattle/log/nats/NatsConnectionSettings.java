package org.ethercattle.log.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.ethercattle.api.log.LogException;

/**
 * How to reach and authenticate to the NATS servers of one spec: server list, credentials file,
 * user/password, token, TLS trust and key stores, and an optional jnats properties file
 * ({@code io.nats.client.*} keys) whose settings the spec's own parameters override.
 *
 * <p>Secrets (password, token, store passwords) are held here only to hand them to jnats; they never
 * appear in {@link #toString()} or in any message this class produces.
 *
 * @param servers            {@code nats://host:port} URLs, at least one
 * @param configFile         a jnats properties file, or {@code null}
 * @param credsFile          a NATS {@code .creds} file (JWT + NKey seed), or {@code null}
 * @param user               user name, or {@code null}
 * @param password           password for {@code user}, or {@code null}
 * @param token              an authentication token, or {@code null}
 * @param tls                whether to require TLS (implied by a trust or key store)
 * @param trustStore         a JKS/PKCS12 trust store path, or {@code null} (then the JVM's default)
 * @param trustStorePassword its password, or {@code null}
 * @param keyStore           a client key store path for mutual TLS, or {@code null}
 * @param keyStorePassword   its password, or {@code null}
 * @param connectTimeout     how long one connection attempt may take
 */
record NatsConnectionSettings(List<String> servers, Path configFile, Path credsFile, String user, String password,
        String token, boolean tls, Path trustStore, String trustStorePassword, Path keyStore,
        String keyStorePassword, Duration connectTimeout) {

    NatsConnectionSettings {
        servers = List.copyOf(servers);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * Opens a connection that reconnects forever on its own (callers bound their waits themselves).
     *
     * @param name     the connection name the server shows ({@code cattle-producer-<stream>})
     * @param listener told about disconnects and reconnects, or {@code null}
     * @throws LogException retriable when no server answers, not retriable when authentication or
     *                      TLS setup fails
     */
    Connection connect(String name, ConnectionListener listener) {
        NatsErrorLog errors = new NatsErrorLog();
        Options options = options(name, listener, errors);
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            String why = errors.latest() != null ? errors.latest()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            String lower = why.toLowerCase(Locale.ROOT);
            boolean auth = lower.contains("authoriz") || lower.contains("authentication");
            boolean tls = lower.contains("tls") || lower.contains("ssl") || lower.contains("certificat")
                    || lower.contains("pkix") || lower.contains("handshake");
            String fix = auth ? "check the user/password, token or creds file"
                    : tls ? "check the TLS settings: tls, trustStore (must trust the server's certificate) and keyStore"
                    : "check that nats-server runs there with JetStream (-js) and is reachable";
            String message = "cannot connect to NATS at " + String.join(",", servers) + " (" + why + "); " + fix;
            throw auth || tls ? LogException.fatal(message, e) : LogException.retriable(message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LogException.retriable("interrupted while connecting to NATS at " + String.join(",", servers), e);
        }
    }

    private Options options(String name, ConnectionListener listener, NatsErrorLog errors) {
        Options.Builder builder = configFile == null ? new Options.Builder() : new Options.Builder(load(configFile));
        builder.servers(servers.toArray(String[]::new))
                .connectionName(name)
                .connectionTimeout(connectTimeout)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                // Errors the client reports asynchronously go to SLF4J instead of java.util.logging.
                .errorListener(errors);
        if (listener != null) {
            builder.connectionListener(listener);
        }
        if (credsFile != null) {
            requireReadable(credsFile, "creds");
            builder.credentialPath(credsFile.toString());
        }
        if (user != null) {
            builder.userInfo(user.toCharArray(), password == null ? new char[0] : password.toCharArray());
        }
        if (token != null) {
            builder.token(token.toCharArray());
        }
        try {
            if (trustStore != null) {
                requireReadable(trustStore, "trustStore");
                builder.truststorePath(trustStore.toString());
                if (trustStorePassword != null) {
                    builder.truststorePassword(trustStorePassword.toCharArray());
                }
            }
            if (keyStore != null) {
                requireReadable(keyStore, "keyStore");
                builder.keystorePath(keyStore.toString());
                if (keyStorePassword != null) {
                    builder.keystorePassword(keyStorePassword.toCharArray());
                }
            }
            if (tls && trustStore == null && keyStore == null) {
                builder.secure();
            }
            return builder.build();
        } catch (java.security.NoSuchAlgorithmException | IllegalArgumentException | IllegalStateException e) {
            // jnats' messages here name stores and algorithms, never passwords.
            throw LogException.fatal("cannot set up the NATS connection options (" + e.getMessage()
                    + "); check the TLS parameters (tls, trustStore, keyStore) and the config file", e);
        }
    }

    private static Properties load(Path file) {
        requireReadable(file, "config");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw LogException.fatal("cannot read the NATS config file " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private static void requireReadable(Path file, String parameter) {
        if (!Files.isReadable(file)) {
            throw LogException.fatal("the file given as " + parameter + "=" + file
                    + " does not exist or is not readable; fix the path or its permissions");
        }
    }

    /** The servers and which kinds of credentials are set; never their values. */
    @Override
    public String toString() {
        return "NatsConnectionSettings{servers=" + servers + (credsFile != null ? ", creds=" + credsFile : "")
                + (user != null ? ", user=" + user + ", password=***" : "") + (token != null ? ", token=***" : "")
                + (tls || trustStore != null || keyStore != null ? ", tls" : "") + "}";
    }
}
