package org.ethercattle.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.core.replay.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code cattle retention --snapshot SPEC --log SPEC [--retention 7d]}: how long a snapshot stays
 * usable, i.e. until the log drops the first entry a replica started from it needs (the one right after
 * the snapshot's checkpoint).
 *
 * <p>That entry's time plus the log's retention is when it may go. If the log already dropped it (the
 * checkpoint lies before the log's start position), or its time plus retention has passed, the snapshot
 * is expired: exit code {@value #EXIT_EXPIRED}. If the snapshot is at the log's end, it is good for at
 * least the retention after the next record.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "retention",
        description = {
            "Tell how long until the log no longer holds a snapshot's checkpoint position.",
            "Take snapshots more often than the log's retention; refresh a cluster before this runs out."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  the log still holds what a replica started from the snapshot needs",
            "  1  expired: the log dropped (or may drop at any moment) the snapshot's position",
            "  2  error"
        })
final class RetentionCommand implements Callable<Integer> {

    /** Exit code when the snapshot can no longer be resumed from the log. */
    static final int EXIT_EXPIRED = 1;

    private static final Duration FIRST_ENTRY_WAIT = Duration.ofSeconds(5);

    @Option(names = "--snapshot", required = true, paramLabel = "SPEC",
            description = "The snapshot's store (flat or layered), opened read-only")
    String snapshotSpec;

    @Option(names = "--log", required = true, paramLabel = "SPEC", description = "The log replicas follow")
    String logSpec;

    // 0s is a log that keeps nothing: every snapshot is expired at once.
    @Option(names = "--retention", paramLabel = "DURATION", defaultValue = "7d",
            converter = DurationConverter.OrZero.class,
            description = "How long the log keeps an entry, e.g. 7d, 36h, PT90M (default: ${DEFAULT-VALUE}, Kafka's"
                    + " default retention.ms)")
    Duration retention;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LogConsumer log = Logs.openConsumer(logSpec)) {
            Checkpoint checkpoint = checkpointOf(log.streamId());
            String start = log.startPosition().map(Position::toString).orElse("none (the log is empty)");
            out.println("retention: snapshot " + org.ethercattle.api.spi.Spec.redact(snapshotSpec) + " resumes after "
                    + StoreCheckpoints.position(checkpoint, Optional.of(log)));
            out.println("retention: log " + log.streamId() + " holds " + start + " .. "
                    + log.endPosition().map(Position::toString).orElse("none") + "; retention " + human(retention));
            int code = verdict(checkpoint, log, out);
            out.flush();
            return code;
        }
    }

    private Checkpoint checkpointOf(String stream) {
        try (Database snapshot = Stores.open(snapshotSpec, OpenMode.READ_ONLY)) {
            Map<String, Checkpoint> all = StoreCheckpoints.in(snapshot);
            Checkpoint checkpoint = all.get(stream);
            if (checkpoint == null) {
                throw new StoreException("snapshot " + org.ethercattle.api.spi.Spec.redact(snapshotSpec) + " holds no checkpoint of stream " + stream
                        + (all.isEmpty() ? " (it holds none at all)" : " (it holds checkpoints of " + all.keySet() + ")")
                        + "; name the log its replica followed");
            }
            return checkpoint;
        }
    }

    private int verdict(Checkpoint checkpoint, LogConsumer log, PrintWriter out) {
        Instant now = Instant.now();
        Optional<Position> end = log.endPosition();
        boolean atEnd = end.isEmpty();
        if (checkpoint.resumeAfter() == null) {
            log.seekToStart();
        } else {
            Position resumeAfter = log.positionFromBytes(checkpoint.resumeAfter());
            try {
                log.seek(resumeAfter);
            } catch (PositionExpiredException e) {
                out.println("retention: EXPIRED: " + e.getMessage());
                return EXIT_EXPIRED;
            }
            atEnd |= end.isPresent() && resumeAfter.compareTo(end.get()) >= 0;
        }
        List<LogEntry> next = atEnd ? List.of() : log.poll(FIRST_ENTRY_WAIT);
        if (next.isEmpty()) {
            out.println("retention: the snapshot is at the log's end: it stays usable for at least " + human(retention)
                    + " after the next record is written");
            return 0;
        }
        LogEntry needed = next.get(0);
        log.entriesBetween(needed.position(), end.orElse(needed.position())).ifPresent(n -> out.println("retention: a replica started from"
                + " the snapshot replays " + (n + 1) + " entries, from " + needed.position()));
        if (needed.timeMillis() < 0) {
            out.println("retention: the log keeps no entry times, so the time left cannot be told; the entry a"
                    + " replica needs first (" + needed.position() + ") is still there");
            return 0;
        }
        Instant expires = Instant.ofEpochMilli(needed.timeMillis()).plus(retention);
        Duration left = Duration.between(now, expires);
        if (left.isNegative() || left.isZero()) {
            out.println("retention: EXPIRED: the first entry a replica needs, " + needed.position() + " (written "
                    + Instant.ofEpochMilli(needed.timeMillis()) + "), is older than the retention of " + human(retention)
                    + " and may be dropped at any moment; take a new snapshot from a running replica");
            return EXIT_EXPIRED;
        }
        out.println("retention: usable for " + human(left) + " more, until " + expires + " (the first entry a replica"
                + " needs, " + needed.position() + ", was written " + Instant.ofEpochMilli(needed.timeMillis()) + ")");
        return 0;
    }

    /** A duration as days, hours and minutes, e.g. {@code 6d 23h 59m}. */
    static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.toSeconds() + "s";
        }
        StringBuilder text = new StringBuilder();
        if (minutes >= 1440) {
            text.append(minutes / 1440).append("d ");
        }
        if (minutes >= 60) {
            text.append(minutes / 60 % 24).append("h ");
        }
        return text.append(minutes % 60).append('m').toString();
    }
}
