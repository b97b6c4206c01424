package org.ethercattle.core.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;

/**
 * A real consumer that hands out at most one entry per poll, keeping the rest of what it read for the
 * next polls (a memory log hands out all it has at once).
 */
final class OneEntryPerPoll extends ForwardingConsumer {

    private final ArrayList<LogEntry> held = new ArrayList<>();

    OneEntryPerPoll(LogConsumer delegate) {
        super(delegate);
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        if (held.isEmpty()) {
            held.addAll(delegate.poll(timeout));
        }
        return held.isEmpty() ? List.of() : List.of(held.remove(0));
    }

    @Override
    public void seek(Position position) {
        held.clear();
        delegate.seek(position);
    }

    @Override
    public void seekToStart() {
        held.clear();
        delegate.seekToStart();
    }
}
