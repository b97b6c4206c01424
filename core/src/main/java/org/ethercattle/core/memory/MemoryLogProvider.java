package org.ethercattle.core.memory;

import com.google.auto.service.AutoService;
import java.util.Set;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.LogProvider;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * Opens producers and consumers of {@link MemoryLog}s from {@code memory:<name>} specs. Parameters:
 * {@code maxMessageBytes} (a size, default 1m) and {@code retainEntries} (keep only the newest N entries;
 * default all). They apply when the named log is created; giving other values for an existing log is an
 * error, leaving them out takes the existing log's.
 */
@AutoService(LogProvider.class)
public final class MemoryLogProvider implements LogProvider {

    private static final String MAX_MESSAGE_BYTES = "maxMessageBytes";
    private static final String RETAIN_ENTRIES = "retainEntries";

    @Override
    public String scheme() {
        return "memory";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "in-process log, shared by name within one JVM (pure Java, for tests and demos)";
    }

    @Override
    public LogProducer openProducer(Spec spec) {
        return log(spec).newProducer();
    }

    @Override
    public LogConsumer openConsumer(Spec spec) {
        return log(spec).newConsumer();
    }

    private static MemoryLog log(Spec spec) {
        spec.requireOnly(Set.of(MAX_MESSAGE_BYTES, RETAIN_ENTRIES));
        if (spec.authority() != null) {
            throw new SpecException("spec '" + spec + "' names a host; an in-memory log is named as memory:<name>");
        }
        Integer maxMessageBytes = null;
        if (spec.params().containsKey(MAX_MESSAGE_BYTES)) {
            long size = spec.sizeParam(MAX_MESSAGE_BYTES, MemoryLog.DEFAULT_MAX_MESSAGE_BYTES);
            if (size < 1 || size > Integer.MAX_VALUE) {
                throw new SpecException("spec '" + spec + "': " + MAX_MESSAGE_BYTES + " must be between 1 and 2g");
            }
            maxMessageBytes = (int) size;
        }
        Long retainEntries = spec.params().containsKey(RETAIN_ENTRIES)
                ? spec.longParam(RETAIN_ENTRIES, MemoryLog.RETAIN_ALL) : null;
        return MemoryLog.open(spec.path(), maxMessageBytes, retainEntries);
    }
}
