package org.ethercattle.core.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;

/**
 * The newest applied sequence of every producer a replica has seen, and the duplicate/gap rule.
 *
 * <p>At most {@link #MAX_PRODUCERS} producers are remembered (every master restart is a new producer);
 * beyond that the one applied least recently is forgotten, and a forgotten producer is treated as
 * unseen if it ever writes again.
 *
 * <p>While the history is complete (the replica has read the stream from its first entry and forgotten no
 * producer), a producer it has not seen must start at sequence 0, as every capturing master does: a first
 * record with a higher sequence means the log lost that producer's earlier records (a rewound or truncated
 * tail that a restarted master wrote over, or a front that retention removed), and is a gap.
 */
final class ProducerSequences {

    static final int MAX_PRODUCERS = 1024;

    private final Map<UUID, State> states = new HashMap<>();
    private long clock;
    private boolean completeHistory;

    /** Whether every producer's records were seen from sequence 0 on (see the class javadoc). */
    boolean completeHistory() {
        return completeHistory;
    }

    /** Starts a replica that reads the stream from its first entry: from now on unknown producers start at 0. */
    void startCompleteHistory() {
        completeHistory = true;
    }

    /**
     * Replaces what is remembered with a checkpoint's producers, taken as least recent first, and whether
     * that history was complete.
     */
    void restore(Map<UUID, ProducerProgress> producers, boolean completeHistory) {
        this.completeHistory = completeHistory;
        states.clear();
        clock = 0;
        for (Map.Entry<UUID, ProducerProgress> p : producers.entrySet()) {
            states.put(p.getKey(), new State(p.getValue().lastSequence(), p.getValue().lastTimeMillis(), clock++));
        }
    }

    /**
     * Applies the rule to a sequenced record found at {@code position} and, when it is to be applied,
     * remembers it: returns {@code true} to apply (next in sequence, or the first record seen from its
     * producer), {@code false} for a duplicate (sequence at or below the last applied).
     *
     * @throws SequenceGapException when the sequence skips ahead; nothing is remembered then
     */
    boolean accept(ChangeRecord record, Position position) {
        State state = states.get(record.producerId());
        long sequence = record.sequence();
        if (state == null) {
            if (completeHistory && sequence != 0) {
                throw new SequenceGapException(position, record.producerId(), 0, sequence);
            }
            if (states.size() >= MAX_PRODUCERS) {
                forgetLeastRecent();
            }
            states.put(record.producerId(), new State(sequence, record.timeMillis(), clock++));
            return true;
        }
        if (sequence <= state.lastSequence) {
            return false;
        }
        if (sequence != state.lastSequence + 1) {
            throw new SequenceGapException(position, record.producerId(), state.lastSequence + 1, sequence);
        }
        state.lastSequence = sequence;
        state.lastTimeMillis = record.timeMillis();
        state.lastUse = clock++;
        return true;
    }

    /** Every remembered producer, least recently applied first. */
    Map<UUID, ProducerProgress> snapshot() {
        List<Map.Entry<UUID, State>> entries = new ArrayList<>(states.entrySet());
        entries.sort(Comparator.comparingLong(e -> e.getValue().lastUse));
        Map<UUID, ProducerProgress> out = new LinkedHashMap<>();
        for (Map.Entry<UUID, State> e : entries) {
            out.put(e.getKey(), new ProducerProgress(e.getValue().lastSequence, e.getValue().lastTimeMillis));
        }
        return out;
    }

    private void forgetLeastRecent() {
        UUID eldest = null;
        long eldestUse = Long.MAX_VALUE;
        for (Map.Entry<UUID, State> e : states.entrySet()) {
            if (e.getValue().lastUse < eldestUse) {
                eldestUse = e.getValue().lastUse;
                eldest = e.getKey();
            }
        }
        states.remove(eldest);
        // Should the forgotten producer write again, its next sequence is not 0, and that is no gap.
        completeHistory = false;
    }

    private static final class State {
        long lastSequence;
        long lastTimeMillis;
        long lastUse;

        State(long lastSequence, long lastTimeMillis, long lastUse) {
            this.lastSequence = lastSequence;
            this.lastTimeMillis = lastTimeMillis;
            this.lastUse = lastUse;
        }
    }
}
