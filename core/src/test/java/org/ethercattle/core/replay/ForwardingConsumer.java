package org.ethercattle.core.replay;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;

/** Passes every call through to a real consumer; tests override the calls they watch or change. */
public class ForwardingConsumer implements LogConsumer {

    protected final LogConsumer delegate;

    public ForwardingConsumer(LogConsumer delegate) {
        this.delegate = delegate;
    }

    @Override
    public String streamId() {
        return delegate.streamId();
    }

    @Override
    public void seek(Position position) {
        delegate.seek(position);
    }

    @Override
    public void seekToStart() {
        delegate.seekToStart();
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        return delegate.poll(timeout);
    }

    @Override
    public Optional<Position> endPosition() {
        return delegate.endPosition();
    }

    @Override
    public Optional<Position> startPosition() {
        return delegate.startPosition();
    }

    @Override
    public Position positionFromBytes(byte[] bytes) {
        return delegate.positionFromBytes(bytes);
    }

    @Override
    public OptionalLong entriesBetween(Position from, Position to) {
        return delegate.entriesBetween(from, to);
    }

    @Override
    public OptionalLong expiredEntries() {
        return delegate.expiredEntries();
    }

    @Override
    public Optional<Position> positionAt(long offset) {
        return delegate.positionAt(offset);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
