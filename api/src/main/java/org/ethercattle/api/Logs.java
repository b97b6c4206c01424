package org.ethercattle.api;

import java.util.Map;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.LogProvider;
import org.ethercattle.api.spi.ProviderRegistry;
import org.ethercattle.api.spi.Spec;

/**
 * Opens log producers and consumers from spec strings such as {@code file:/var/lib/cattle/log} or
 * {@code kafka://10.0.0.5:9092/mainnet-cdc}, using whichever {@link LogProvider}s are on the classpath.
 */
public final class Logs {

    private static final ProviderRegistry<LogProvider> REGISTRY = new ProviderRegistry<>(LogProvider.class, "log");

    private Logs() {}

    public static LogProducer openProducer(String spec) {
        Spec parsed = Spec.parse(spec);
        return REGISTRY.forScheme(parsed.scheme()).openProducer(parsed);
    }

    public static LogConsumer openConsumer(String spec) {
        Spec parsed = Spec.parse(spec);
        return REGISTRY.forScheme(parsed.scheme()).openConsumer(parsed);
    }

    public static LogProvider provider(String scheme) {
        return REGISTRY.forScheme(scheme);
    }

    /** Schemes found on the classpath and their providers' descriptions. */
    public static Map<String, String> available() {
        return REGISTRY.describe();
    }
}
