package org.ethercattle.benchmarks;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.memory.MemoryPosition;

/**
 * A log consumer that never runs dry: every poll returns the next {@code entriesPerPoll} entries at
 * once, their payloads made by a function of the entry's index. It stands for a log that is far ahead
 * of the replica, so a benchmark measures the replica and nothing of the log's I/O. Positions are
 * {@link MemoryPosition}s of a stream named by the constructor. Not thread-safe, like every consumer.
 */
final class EndlessLog implements LogConsumer {

    private final String streamId;
    private final LongFunction<byte[]> payload;
    private final int entriesPerPoll;
    private long next;

    /**
     * @param payload the payload of the entry at an index; called once per entry, from the polling thread
     */
    EndlessLog(String streamId, LongFunction<byte[]> payload, int entriesPerPoll) {
        this.streamId = streamId;
        this.payload = payload;
        this.entriesPerPoll = entriesPerPoll;
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public void seek(Position position) {
        next = ((MemoryPosition) position).index() + 1;
    }

    @Override
    public void seekToStart() {
        next = 0;
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        List<LogEntry> entries = new ArrayList<>(entriesPerPoll);
        for (int i = 0; i < entriesPerPoll; i++, next++) {
            entries.add(new LogEntry(new MemoryPosition(streamId, next), payload.apply(next), -1));
        }
        return entries;
    }

    @Override
    public Optional<Position> endPosition() {
        return Optional.of(new MemoryPosition(streamId, Long.MAX_VALUE));
    }

    @Override
    public Optional<Position> startPosition() {
        return Optional.of(new MemoryPosition(streamId, 0));
    }

    @Override
    public Position positionFromBytes(byte[] bytes) {
        return new MemoryPosition(streamId, ByteBuffer.wrap(bytes).getLong());
    }

    @Override
    public void close() {}
}
