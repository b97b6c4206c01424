package org.ethercattle.core.replay;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.Position;

/**
 * The checks that a replica's store and its log continue each other, so that a replica never reports ready
 * with a hole in its data:
 * <ul>
 *   <li><b>One stream per store</b>: a store holding another stream's checkpoint is not replayed from this
 *       one on top (two streams' writes mixed in one store match neither master).</li>
 *   <li><b>A whole beginning</b>: a replica with no checkpoint starts at the log's first entry, so the log
 *       must still hold the stream's very first entry; one whose front retention removed would leave the
 *       replica without the data of every record before it.</li>
 *   <li><b>No lost tail</b>: a replica resuming after the entry it applied last needs the log to reach that
 *       far; a log that ends before it lost entries the replica applied (a master's crash with
 *       {@code fsync=interval}, a restored or recreated log), and the next appends would reuse those
 *       positions and be skipped.</li>
 * </ul>
 * The first is checked when a replayer is built (it reads only the store); the other two need the log and
 * run before the first poll, so a broker that is briefly away delays them like any poll instead of failing
 * the replica.
 */
final class StreamContinuity {

    private static final byte[] CHECKPOINTS = Checkpoint.key("");

    private StreamContinuity() {}

    /**
     * Refuses a store that holds the checkpoint of another stream than {@code streamId}, for a replayer that
     * found none of {@code streamId}'s own.
     *
     * @throws StreamContinuityException naming the streams and the fix
     */
    static void requireNoOtherStream(Database store, String streamId) {
        List<String> others = new ArrayList<>();
        try (Cursor cursor = store.cursor(CHECKPOINTS, new byte[0])) {
            while (cursor.next() && others.size() < 3) {
                byte[] key = cursor.key();
                others.add(new String(Arrays.copyOfRange(key, CHECKPOINTS.length, key.length), StandardCharsets.UTF_8));
            }
        }
        if (!others.isEmpty()) {
            throw new StreamContinuityException("this store was replayed from stream " + String.join(", ", others)
                    + ", not from stream " + streamId + ": replaying " + streamId + " on top would mix two streams'"
                    + " writes. Point the replica at the log it was replayed from, or replay " + streamId
                    + " into an empty store (or a snapshot of one of its own replicas)");
        }
    }

    /**
     * Refuses to start a replica with no checkpoint at the start of a log that no longer holds the stream's
     * first entry. A log that cannot tell ({@link LogConsumer#expiredEntries()} empty) passes; the replica's
     * sequence rule still catches a producer whose first records are gone.
     *
     * @throws StreamContinuityException naming the stream, how much is gone and the fix
     */
    static void requireWholeBeginning(LogConsumer log) {
        OptionalLong expired = log.expiredEntries();
        if (expired.isPresent() && expired.getAsLong() > 0) {
            throw new StreamContinuityException("stream " + log.streamId() + " no longer holds its first "
                    + expired.getAsLong() + " entries (retention removed them; it starts at "
                    + log.startPosition().map(Position::toString).orElse("its end, holding none") + "), and this"
                    + " store has no checkpoint of it, so replaying from the log's start would leave out the data"
                    + " of every record before that. Seed the store from a snapshot of a replica of this stream"
                    + " ('cattle snapshot'; it carries its checkpoint), or from a copy of the master's store with"
                    + " --seeded-at OFFSET (the offset of the newest entry that copy holds)");
        }
    }

    /**
     * Refuses to resume after {@code lastApplied} on a log that ends before it.
     *
     * @throws StreamContinuityException naming both positions and the fix
     */
    static void requireEndNotBefore(LogConsumer log, Position lastApplied) {
        Optional<Position> end = log.endPosition();
        if (end.isEmpty() || end.get().compareTo(lastApplied) < 0) {
            throw new StreamContinuityException("stream " + log.streamId() + " ends "
                    + end.map(p -> "at " + p).orElse("before its first entry (it holds none)")
                    + ", before " + lastApplied + ", the entry this store applied last: the log lost entries"
                    + " the replica already applied (a crash of the log's host with fsync=interval, or a log"
                    + " restored from an older copy or recreated), and the positions a master appends next"
                    + " would be skipped. Rebuild this replica from a snapshot of the master's store (with"
                    + " --seeded-at) or of a replica that matches the log, or restore the log");
        }
    }
}
