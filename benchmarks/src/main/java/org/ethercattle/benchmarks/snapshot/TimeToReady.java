package org.ethercattle.benchmarks.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.guard.GethHeadKeys;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.ethercattle.store.layered.LayerSpecs;

/**
 * Time to ready for a new replica started from a snapshot: replay a backlog of geth-shaped blocks from a
 * file log either into a copy of the snapshot itself (flat) or into a fresh top layer over the snapshot
 * (layered), and time from opening the store until the replica has caught up with the log end it saw at
 * start (what {@code /readyz} waits for).
 *
 * <p>The snapshot is a RocksDB store whose data sits in many level-0 files with automatic compaction
 * off when it was written ({@link SnapshotWithPendingCompaction}): the state a snapshot of a busy replica
 * is in. A flat replica opens it for writing, so RocksDB starts that compaction at once, beside replay,
 * and stalls writes while level 0 holds too many files; a layered replica opens it read-only and writes
 * into an empty top. Both replicas use Cattle's RocksDB store with {@code wal=false} (the checkpoint
 * travels with the data). After timing, both keyspaces are compared with the master's.
 *
 * <pre>
 * java -cp benchmarks/target/cattle-benchmarks.jar org.ethercattle.benchmarks.snapshot.TimeToReady \
 *     [DIR] [snapshotBlocks=3000] [backlogBlocks=1000] [memtableBytes=4194304] [runs=2]
 * </pre>
 */
public final class TimeToReady {

    private TimeToReady() {}

    /** Runs the harness with the arguments shown in the class comment; exits 1 if a replica's keyspace differs. */
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("cattle-time-to-ready");
        int snapshotBlocks = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int backlogBlocks = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        long memtableBytes = args.length > 3 ? Long.parseLong(args[3]) : 4L << 20;
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        if (!run(dir, snapshotBlocks, backlogBlocks, memtableBytes, runs)) {
            System.exit(1);
        }
    }

    /**
     * Builds the snapshot and the backlog under {@code dir} (which must be empty or missing), times
     * {@code runs} flat and layered catch-ups, printing one line per step, and returns whether both
     * replicas of the first run ended with exactly the master's keyspace.
     */
    static boolean run(Path dir, int snapshotBlocks, int backlogBlocks, long memtableBytes, int runs)
            throws Exception {
        Files.createDirectories(dir);
        String log = "file:" + dir.resolve("log");
        String master = "rocksdb:" + dir.resolve("master") + "?wal=false";
        GethWorkload workload = new GethWorkload(42);

        long started = System.nanoTime();
        long snapshotBytes;
        try (CapturingDatabase capture = new CapturingDatabase(Stores.open(master), Logs.openProducer(log),
                Codecs.get(Codecs.DEFAULT))) {
            snapshotBytes = writeBlocks(workload, capture, snapshotBlocks);
        }
        say("master: %d blocks (%.0f MiB of keys and values) in the log, %.0f s", snapshotBlocks, mib(snapshotBytes),
                seconds(started));

        started = System.nanoTime();
        String staging = "rocksdb:" + dir.resolve("staging") + "?wal=false";
        replay(staging, log);
        SnapshotWithPendingCompaction.Shape shape;
        try (Database replayed = Stores.open(staging)) {
            shape = SnapshotWithPendingCompaction.write(replayed, dir.resolve("snapshot"), memtableBytes);
        }
        say("snapshot: %d level-0 files, %.0f MiB live, %.0f MiB pending compaction (built in %.0f s)",
                shape.level0Files(), mib(shape.liveBytes()), mib(shape.pendingCompactionBytes()), seconds(started));

        long backlogBytes;
        try (CapturingDatabase capture = new CapturingDatabase(Stores.open(master), Logs.openProducer(log),
                Codecs.get(Codecs.DEFAULT))) {
            backlogBytes = writeBlocks(new GethWorkload(42, snapshotBlocks), capture, backlogBlocks);
        }
        say("backlog: %d blocks (%.0f MiB) after the snapshot's checkpoint", backlogBlocks, mib(backlogBytes));

        String[] digests = new String[2];
        for (int run = 1; run <= runs; run++) {
            Path flatDir = dir.resolve("flat-" + run);
            linkCopy(dir.resolve("snapshot"), flatDir);
            String flat = "rocksdb:" + flatDir + "?wal=false";
            String layered = new LayerSpecs("rocksdb:" + dir.resolve("top-" + run) + "?wal=false",
                    "rocksdb:" + dir.resolve("snapshot")).toSpec();
            // Alternate the order so neither variant always runs with the warmer page cache.
            String[] order = run % 2 == 1 ? new String[] {flat, layered} : new String[] {layered, flat};
            for (String spec : order) {
                String kind = spec.startsWith("layered") ? "layered" : "flat";
                long t0 = System.nanoTime();
                long records = replay(spec, log);
                double secs = seconds(t0);
                say("run %d %-7s: ready after %.1f s (%d records, %.1f MiB/s of backlog)", run, kind, secs, records,
                        mib(backlogBytes) / secs);
                if (run == 1) {
                    try (Database db = Stores.open(spec)) {
                        digests[kind.equals("flat") ? 0 : 1] = HexFormat.of().formatHex(Keyspace.digest(db));
                    }
                }
            }
        }
        try (Database db = Stores.open(master)) {
            String expected = HexFormat.of().formatHex(Keyspace.digest(db));
            boolean equal = expected.equals(digests[0]) && expected.equals(digests[1]);
            say("keyspace digests: master %s, flat %s, layered %s: %s", expected.substring(0, 12),
                    digests[0].substring(0, 12), digests[1].substring(0, 12), equal ? "equal" : "DIFFERENT");
            return equal;
        }
    }

    private static long writeBlocks(GethWorkload workload, CapturingDatabase capture, int blocks) {
        long bytes = 0;
        for (int i = 0; i < blocks; i++) {
            bytes += workload.writeNextBlock(capture).byteSize();
        }
        capture.flush();
        return bytes;
    }

    /** Opens {@code storeSpec}, replays the log until caught up with the end seen at start, closes; returns records. */
    private static long replay(String storeSpec, String log) {
        try (Database store = Stores.open(storeSpec);
                LogConsumer consumer = Logs.openConsumer(log);
                Replayer replayer = Replayer.builder(store, consumer)
                        .headGuard(new SeenValueGuard(GethHeadKeys.DEFAULT)).build()) {
            return replayer.catchUp();
        }
    }

    /** A copy of a RocksDB directory made of hard links: table files are immutable, so this is what a checkpoint does. */
    private static void linkCopy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(file.getFileName());
                if (file.getFileName().toString().endsWith(".sst")) {
                    Files.createLink(target, file);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
