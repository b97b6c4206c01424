package org.ethercattle.core.replay;

import java.time.Duration;
import java.util.List;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;

/** A real consumer that counts the entries it hands out. */
final class CountingConsumer extends ForwardingConsumer {

    long entriesPolled;
    Position firstPolled;

    CountingConsumer(LogConsumer consumer) {
        super(consumer);
    }

    @Override
    public List<LogEntry> poll(Duration timeout) {
        List<LogEntry> entries = delegate.poll(timeout);
        if (firstPolled == null && !entries.isEmpty()) {
            firstPolled = entries.get(0).position();
        }
        entriesPolled += entries.size();
        return entries;
    }
}
