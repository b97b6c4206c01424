package org.ethercattle.core.memory;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;

/**
 * Appends to a {@link MemoryLog}. An append is done when it returns: its future is already complete, and
 * {@link #flush()} has nothing to wait for. A message over the log's limit, or an append after close,
 * throws {@link LogException} (non-retriable) from {@link #append} itself.
 */
final class MemoryLogProducer implements LogProducer {

    private final MemoryLog log;
    private volatile boolean closed;

    MemoryLogProducer(MemoryLog log) {
        this.log = log;
    }

    @Override
    public CompletableFuture<Position> append(byte[] message) {
        Objects.requireNonNull(message, "message");
        if (closed) {
            throw LogException.fatal("producer of " + log + " is closed; open a new one");
        }
        return CompletableFuture.completedFuture(log.append(message));
    }

    @Override
    public int maxMessageBytes() {
        return log.maxMessageBytes();
    }

    @Override
    public void flush() {
        // Appends complete synchronously; there is never anything in flight.
    }

    @Override
    public void close() {
        closed = true;
    }
}
