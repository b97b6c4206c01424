package org.ethercattle.api.log;

import org.ethercattle.api.spi.Provider;
import org.ethercattle.api.spi.Spec;

/**
 * Service-provider interface for logs, found with {@link java.util.ServiceLoader}: annotate the
 * implementation with {@code @AutoService(LogProvider.class)}. Its {@link #scheme()} is the scheme of
 * the specs it opens ({@code file}, {@code kafka}, {@code memory}, ...).
 *
 * <p>Opening validates the spec: an unknown parameter, a missing path or an unreachable broker throws
 * {@link org.ethercattle.api.spi.SpecException} or {@link LogException} naming the spec and the fix.
 * Secrets given in a spec never appear in messages.
 */
public interface LogProvider extends Provider {

    /** Opens a producer for the stream {@code spec} names, creating the stream if the log allows it. */
    LogProducer openProducer(Spec spec);

    /** Opens a consumer positioned at the stream's start. */
    LogConsumer openConsumer(Spec spec);
}
