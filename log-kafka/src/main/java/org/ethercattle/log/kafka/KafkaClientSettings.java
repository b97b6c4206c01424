package org.ethercattle.log.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * Connection and security settings for every Kafka client a log opens, from the spec: TLS, SASL,
 * a properties file, and any {@code kafka.}-prefixed parameter. Immutable.
 *
 * <p>Sources, later ones winning: the file named by {@code config=/path/client.properties} (plain
 * Kafka client properties); {@code kafka.<property>=<value>} parameters (the prefix is dropped); then
 * Cattle's own parameters:
 * <ul>
 *   <li>{@code securityProtocol}: {@code PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL}; when absent it is
 *       derived: {@code SASL_SSL} with a username and a truststore, {@code SASL_PLAINTEXT} with a
 *       username only, {@code SSL} with a truststore or keystore only, else Kafka's default.</li>
 *   <li>{@code username}, {@code password}, {@code saslMechanism} ({@code SCRAM-SHA-512} default,
 *       {@code SCRAM-SHA-256}, {@code PLAIN}): the JAAS login is built from them.</li>
 *   <li>{@code truststore}, {@code truststorePassword}, {@code truststoreType}, {@code keystore},
 *       {@code keystorePassword}, {@code keyPassword}, {@code keystoreType}: TLS stores.</li>
 * </ul>
 *
 * <p>The settings that make the log a total order cannot be changed from any source (see
 * {@link #FIXED}); trying is a {@link SpecException}. {@link #toString()} prints property names only,
 * never values, since several are secrets.
 */
public final class KafkaClientSettings {

    /** The spec parameters read here (besides {@code kafka.*}). */
    public static final Set<String> PARAMETERS = Set.of("config", "securityProtocol", "saslMechanism", "username",
            "password", "truststore", "truststorePassword", "truststoreType", "keystore", "keystorePassword",
            "keyPassword", "keystoreType");

    /** Parameters starting with this pass to the Kafka clients without it. */
    public static final String PASSTHROUGH_PREFIX = "kafka.";

    /**
     * Client properties Cattle sets itself for ordering and delivery (idempotence, acks, in-flight
     * limit, serializers, offset handling, no transactions); a spec or file may not set them.
     */
    public static final Set<String> FIXED = Set.of("bootstrap.servers", "enable.idempotence", "acks",
            "max.in.flight.requests.per.connection", "key.serializer", "value.serializer", "key.deserializer",
            "value.deserializer", "auto.offset.reset", "enable.auto.commit", "transactional.id",
            "delivery.timeout.ms", "request.timeout.ms");

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    private final Map<String, Object> properties;

    private KafkaClientSettings(Map<String, Object> properties) {
        this.properties = Collections.unmodifiableMap(properties);
    }

    /**
     * Reads the settings of {@code spec}.
     *
     * @throws SpecException for an unreadable config file, a fixed property, an unknown protocol or
     *                       mechanism, or a password without a username (values are never shown)
     */
    public static KafkaClientSettings from(Spec spec) {
        Map<String, Object> props = new LinkedHashMap<>();
        String config = spec.params().get("config");
        if (config != null) {
            for (Map.Entry<Object, Object> e : load(spec, Path.of(config)).entrySet()) {
                put(spec, props, (String) e.getKey(), (String) e.getValue(), "file " + config);
            }
        }
        for (Map.Entry<String, String> e : spec.params().entrySet()) {
            if (e.getKey().startsWith(PASSTHROUGH_PREFIX)) {
                put(spec, props, e.getKey().substring(PASSTHROUGH_PREFIX.length()), e.getValue(), "parameter " + e.getKey());
            }
        }
        String username = spec.params().get("username");
        String password = spec.params().get("password");
        String truststore = spec.params().get("truststore");
        String keystore = spec.params().get("keystore");
        if (password != null && username == null) {
            throw new SpecException("spec '" + spec + "' gives a password but no username; add username=<name>");
        }
        String protocol = spec.params().get("securityProtocol");
        if (protocol == null) {
            boolean tls = truststore != null || keystore != null;
            protocol = username != null ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : (tls ? "SSL" : null);
        }
        if (protocol != null) {
            protocol = protocol.trim().toUpperCase(Locale.ROOT);
            if (!PROTOCOLS.contains(protocol)) {
                throw new SpecException("spec '" + spec + "': securityProtocol=" + protocol + " is not one of "
                        + PROTOCOLS);
            }
            props.put("security.protocol", protocol);
        }
        if (username != null) {
            if (password == null) {
                throw new SpecException("spec '" + spec + "' gives username " + username + " but no password;"
                        + " add password=<secret> (URL-encoded)");
            }
            String mechanism = spec.param("saslMechanism", "SCRAM-SHA-512").trim().toUpperCase(Locale.ROOT);
            String module = LOGIN_MODULES.get(mechanism);
            if (module == null) {
                throw new SpecException("spec '" + spec + "': saslMechanism=" + mechanism + " is not one of "
                        + new java.util.TreeSet<>(LOGIN_MODULES.keySet()));
            }
            props.put("sasl.mechanism", mechanism);
            props.put("sasl.jaas.config", module + " required username=\"" + jaasQuote(username)
                    + "\" password=\"" + jaasQuote(password) + "\";");
        }
        putIfGiven(spec, props, "truststore", "ssl.truststore.location");
        putIfGiven(spec, props, "truststorePassword", "ssl.truststore.password");
        putIfGiven(spec, props, "truststoreType", "ssl.truststore.type");
        putIfGiven(spec, props, "keystore", "ssl.keystore.location");
        putIfGiven(spec, props, "keystorePassword", "ssl.keystore.password");
        putIfGiven(spec, props, "keyPassword", "ssl.key.password");
        putIfGiven(spec, props, "keystoreType", "ssl.keystore.type");
        for (String file : new String[] {truststore, keystore}) {
            if (file != null && !Files.isReadable(Path.of(file))) {
                throw new SpecException("spec '" + spec + "': TLS store " + file + " is missing or unreadable");
            }
        }
        return new KafkaClientSettings(props);
    }

    private static Properties load(Spec spec, Path file) {
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            loaded.load(in);
        } catch (IOException e) {
            throw new SpecException("spec '" + spec + "': cannot read the Kafka client config " + file + " ("
                    + e.getClass().getSimpleName() + "); give a readable properties file or drop config=", e);
        }
        return loaded;
    }

    private static void put(Spec spec, Map<String, Object> props, String name, String value, String source) {
        if (FIXED.contains(name)) {
            throw new SpecException("spec '" + spec + "': " + source + " sets " + name + ", which Cattle sets itself to"
                    + " keep one total order (idempotent producer, acks=all, explicit offsets; timeouts through"
                    + " deliveryTimeout/requestTimeout); remove it");
        }
        props.put(name, value);
    }

    private static void putIfGiven(Spec spec, Map<String, Object> props, String parameter, String property) {
        String value = spec.params().get(parameter);
        if (value != null) {
            props.put(property, value);
        }
    }

    /** Escapes a value for a double-quoted JAAS option. */
    private static String jaasQuote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The properties to pass to a Kafka client (a copy the caller may extend). */
    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(properties);
    }

    /** A client property set through the spec or file, or {@code null}. */
    public String get(String name) {
        Object value = properties.get(name);
        return value == null ? null : value.toString();
    }

    /** Property names only: values may be secrets. */
    @Override
    public String toString() {
        return "KafkaClientSettings" + properties.keySet();
    }
}
