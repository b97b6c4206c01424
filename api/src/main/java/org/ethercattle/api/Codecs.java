package org.ethercattle.api;

import java.util.Map;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.CodecProvider;
import org.ethercattle.api.spi.ProviderRegistry;

/** Finds wire formats by name ({@code cattle}, {@code ethercattle}) among the {@link CodecProvider}s on the classpath. */
public final class Codecs {

    /** The native format, used when a stream names none. */
    public static final String DEFAULT = "cattle";

    private static final ProviderRegistry<CodecProvider> REGISTRY =
            new ProviderRegistry<>(CodecProvider.class, "codec");

    private Codecs() {}

    public static Codec get(String name) {
        return REGISTRY.forScheme(name).codec();
    }

    /** Codec names found on the classpath and their descriptions. */
    public static Map<String, String> available() {
        return REGISTRY.describe();
    }
}
