package org.ethercattle.core.replay;

import java.util.Optional;
import java.util.OptionalLong;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.replay.OffsetCheckpoint;

/**
 * Where a {@link Replayer} stands in its stream: where it started, what it has processed since, and the
 * {@link Checkpoint} (with the mirrored offset checkpoint, if any) that records it in each commit.
 *
 * <p>The start ({@link #open}) is the store's Cattle checkpoint of the stream; without one, the offset a
 * fallback {@link OffsetCheckpoint} finds in the store (the original Ether Cattle's offset key); without
 * that, the offset the store was declared seeded at; else the log's start. The rules are in
 * {@code docs/replay.md}, <i>Resume rule</i>. Replay thread only.
 */
final class ResumePoint {

    private final byte[] checkpointKey;
    private final OffsetCheckpoint mirror;
    /** {@code positionAt(0)} when a mirror checkpoint needs offsets, else null. */
    private final Position offsetZero;
    private final ProducerSequences producers;
    /** The position replay started after, or null for the log's start. */
    private final Position start;
    /** Where {@link #start} came from, for the log line. */
    private final String origin;
    /** The {@link StreamContinuity} check the log owes before the first poll, or null. */
    private final Runnable continuityCheck;

    /** Decoder resume point after the newest fully processed entry: what the next checkpoint stores. */
    private Position safeResume;
    /** Newest fully processed entry (never moves back when a suffix is read again). */
    private Position lastProcessed;
    private long lastRecordTime;

    private ResumePoint(Position start, String origin, Optional<Checkpoint> checkpoint, String streamId,
            OffsetCheckpoint mirror, Position offsetZero, LogConsumer log, ProducerSequences producers) {
        this.producers = producers;
        this.checkpointKey = Checkpoint.key(streamId);
        this.mirror = mirror;
        this.offsetZero = offsetZero;
        this.start = start;
        this.origin = origin;
        this.safeResume = start;
        this.lastProcessed = checkpoint.map(Checkpoint::lastPosition).map(log::positionFromBytes).orElse(start);
        this.lastRecordTime = checkpoint.map(Checkpoint::lastRecordTimeMillis).orElse(-1L);
        if (checkpoint.isPresent()) {
            producers.restore(checkpoint.get().producers(), checkpoint.get().completeHistory());
            Position applied = lastProcessed;
            continuityCheck = applied == null ? null : () -> StreamContinuity.requireEndNotBefore(log, applied);
        } else if (start == null) {
            producers.startCompleteHistory();
            continuityCheck = () -> StreamContinuity.requireWholeBeginning(log);
        } else {
            continuityCheck = null;
        }
    }

    /**
     * Reads where replay of {@code log} into the settings' store starts, and seeks {@code log} there;
     * restores into {@code producers} the sequences the checkpoint holds, which each commit then records.
     *
     * @throws StreamContinuityException if the store holds another stream's checkpoint and none of this one
     * @throws IllegalArgumentException  if a fallback, seeded offset or mirror needs offsets the log lacks
     */
    static ResumePoint open(ReplaySettings settings, LogConsumer log, ProducerSequences producers) {
        Database store = settings.store();
        String streamId = log.streamId();
        Optional<Checkpoint> checkpoint = Checkpoint.read(store, streamId);
        if (checkpoint.isEmpty()) {
            StreamContinuity.requireNoOtherStream(store, streamId);
        }
        Position start = checkpoint.map(Checkpoint::resumeAfter).map(log::positionFromBytes).orElse(null);
        String origin = "checkpoint";
        OffsetCheckpoint fallback = settings.fallback();
        if (checkpoint.isEmpty() && fallback != null) {
            OptionalLong offset = fallback.lastApplied(store);
            if (offset.isPresent()) {
                start = positionAt(log, offset.getAsLong(), "start from the offset checkpoint " + fallback);
                origin = "offset checkpoint " + fallback;
            }
        }
        long seededAt = settings.seededAt();
        if (checkpoint.isEmpty() && start == null && seededAt >= 0) {
            start = positionAt(log, seededAt, "start after the seeded offset " + seededAt);
            origin = "the store seeded up to offset " + seededAt;
        }
        OffsetCheckpoint mirror = settings.mirror();
        Position offsetZero = mirror == null ? null : positionAt(log, 0, "keep the offset checkpoint " + mirror);
        if (start == null) {
            log.seekToStart();
        } else {
            log.seek(start);
        }
        return new ResumePoint(start, origin, checkpoint, streamId, mirror, offsetZero, log, producers);
    }

    private static Position positionAt(LogConsumer log, long offset, String purpose) {
        return log.positionAt(offset).orElseThrow(() -> new IllegalArgumentException("stream " + log.streamId()
                + " has no numeric offsets, so a replayer cannot " + purpose + "; use a log with dense offsets"
                + " (Kafka, JetStream, file, memory) or drop that option"));
    }

    /** The position replay started after, or null when it started at the log's start. */
    Position start() {
        return start;
    }

    /** Where replay started, for the replayer's first log line. */
    String describeStart() {
        return start == null ? "from the log's start" : "resuming after " + start + " (" + origin + ")";
    }

    /** The {@link StreamContinuity} check the log owes before the first poll, or null when it owes none. */
    Runnable continuityCheck() {
        return continuityCheck;
    }

    /** Newest fully processed entry, or null before any (and at the log's start). */
    Position lastProcessed() {
        return lastProcessed;
    }

    /** Stats of what is committed, with the newest processed position and record time from here. */
    ReplayStats stats(long records, long ops, long bytes, Throwable failure) {
        return new ReplayStats(records, ops, bytes, lastProcessed, lastRecordTime, failure);
    }

    /** Notes the time of a record being applied: its own, else the log's ({@code entryTime}), if known. */
    void recordApplied(ChangeRecord record, long entryTime) {
        long time = record.timeMillis() != ChangeRecord.NO_TIME ? record.timeMillis() : entryTime;
        if (time >= 0) {
            lastRecordTime = time;
        }
    }

    /**
     * Notes that the entry at {@code position} is fully processed, after which the decoder resumes after
     * {@code decoderResume}.
     */
    void entryProcessed(Position position, Position decoderResume) {
        safeResume = decoderResume;
        if (lastProcessed == null || position.compareTo(lastProcessed) > 0) {
            lastProcessed = position;
        }
    }

    /**
     * Puts the checkpoint of what has been processed into {@code batch}, with the mirror's offset when
     * there is one and the resume point is past the log's start; {@code log} answers the offset.
     */
    void writeTo(Batch batch, LogConsumer log) {
        Checkpoint checkpoint = new Checkpoint(bytesOf(safeResume), bytesOf(lastProcessed), lastRecordTime,
                producers.snapshot(), producers.completeHistory());
        batch.put(checkpointKey, CheckpointCodec.encode(checkpoint));
        if (mirror != null && safeResume != null) {
            OptionalLong offset = log.entriesBetween(offsetZero, safeResume);
            if (offset.isPresent()) {
                mirror.write(batch, offset.getAsLong());
            }
        }
    }

    private static byte[] bytesOf(Position position) {
        return position == null ? null : position.toBytes();
    }
}
