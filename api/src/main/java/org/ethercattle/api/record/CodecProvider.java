package org.ethercattle.api.record;

import org.ethercattle.api.spi.Provider;

/**
 * Service-provider interface for wire formats, found with {@link java.util.ServiceLoader}: annotate the
 * implementation with {@code @AutoService(CodecProvider.class)}. Its {@link #scheme()} is the codec's
 * name as streams are configured with it ({@code cattle}, {@code ethercattle}).
 */
public interface CodecProvider extends Provider {

    /** Returns the codec; codecs are stateless, so one instance may be shared. */
    Codec codec();
}
