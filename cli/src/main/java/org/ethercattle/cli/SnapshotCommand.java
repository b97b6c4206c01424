package org.ethercattle.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.core.replay.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code cattle snapshot --store SPEC --to DIR}: a consistent on-disk copy of a (possibly live) replica's
 * store, with the replica's checkpoint inside, through the store's {@link Checkpointable} capability.
 *
 * <p>A store nobody holds (a stopped replica) is opened read-write, so RocksDB flushes its memtables into
 * the copy. Beside a running replica the store is opened read-only, which RocksDB and LMDB allow: an LMDB
 * copy then holds every committed batch, a RocksDB copy what the writer has flushed to table files (the
 * replica started from it replays the rest from the log). LevelDB holds its lock even read-only: stop
 * that replica first. The copy holds a prefix of whole batches and the checkpoint that covers exactly them, so a replica
 * started on it resumes from the log right after. Prints the copy's spec and the position it resumes
 * after.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "snapshot",
        description = {
            "Take a consistent copy of a replica's store, checkpoint inside, e.g. to start new replicas from.",
            "Works beside a running replica for rocksdb and lmdb stores (and layered stores over them)."
        })
final class SnapshotCommand implements Runnable {

    private static final int ATTEMPTS = 5;
    private static final long PAUSE_MILLIS = 200;

    @Option(names = "--store", required = true, paramLabel = "SPEC",
            description = "The replica's store, e.g. rocksdb:/var/lib/cattle/replica")
    String storeSpec;

    @Option(names = "--to", required = true, paramLabel = "DIR",
            description = "Directory to create for the copy; must not exist, its parent must")
    Path target;

    @Option(names = "--log", paramLabel = "SPEC",
            description = "The replica's log, only to print the checkpoint's position in the log's own terms")
    String logSpec;

    @Option(names = "--no-verify-source",
            description = "Skip checking the store for damage (cattle verify) before copying it.")
    boolean noVerifySource;

    @picocli.CommandLine.Spec
    CommandSpec spec;


    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        StoreDirectories.refuseOverlap("--store", Spec.parse(storeSpec), "--to", target);
        if (!noVerifySource) {
            VerifyCommand.requireSound(storeSpec, out, "snapshot");
        }
        for (int attempt = 1; ; attempt++) {
            try (Database store = openForCopy(out)) {
                if (!(store instanceof Checkpointable checkpointable)) {
                    throw new NotCheckpointable("store " + Spec.parse(storeSpec) + " cannot take consistent copies"
                            + " (it does not implement Checkpointable); stop the replica and use cattle copy, or"
                            + " run replicas on rocksdb, lmdb or leveldb");
                }
                checkpointable.checkpoint(target);
                break;
            } catch (NotCheckpointable e) {
                throw e;
            } catch (StoreException e) {
                // Beside a running RocksDB writer, opening or copying can race the writer deleting WAL and
                // table files it no longer needs; a failed copy is removed, so trying again is safe. Other
                // failures (a missing store) fail the same way each time and are reported after the last try.
                if (attempt >= ATTEMPTS || Files.exists(target)) {
                    throw e;
                }
                out.println("snapshot: attempt " + attempt + " failed (" + e.getMessage() + "); trying again");
                pause();
            }
        }
        String copySpec = specOfCopy(storeSpec, target);
        out.println("snapshot: " + Spec.redact(copySpec));
        try (Database copy = Stores.open(copySpec, OpenMode.READ_ONLY);
                LogConsumer log = logSpec == null ? null : Logs.openConsumer(logSpec)) {
            Map<String, Checkpoint> checkpoints = StoreCheckpoints.in(copy);
            if (checkpoints.isEmpty()) {
                out.println("snapshot: holds no replay checkpoint: a replica started on it replays the log from its"
                        + " start");
            }
            checkpoints.forEach((stream, checkpoint) -> out.println("snapshot: checkpoint of "
                    + StoreCheckpoints.describe(stream, checkpoint, Optional.ofNullable(log))));
        }
        out.flush();
    }

    /**
     * Opens the store read-write when nothing else holds it (a stopped replica: RocksDB then flushes its
     * memtables into the copy), else read-only beside the running replica. A missing store is an error,
     * never created.
     */
    private Database openForCopy(PrintWriter out) {
        Stores.open(storeSpec, OpenMode.READ_ONLY).close();
        try {
            return Stores.open(storeSpec, OpenMode.READ_WRITE);
        } catch (StoreException inUse) {
            out.println("snapshot: the store is in use (" + inUse.getMessage() + "); copying it read-only beside"
                    + " its writer: a RocksDB copy then holds what the writer has flushed to table files");
            return Stores.open(storeSpec, OpenMode.READ_ONLY);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("snapshot interrupted; nothing was written");
        }
    }

    /** The store lacks the capability: trying again cannot help. */
    private static final class NotCheckpointable extends StoreException {
        NotCheckpointable(String message) {
            super(message);
        }
    }

    /**
     * The spec a checkpoint of {@code storeSpec} written into {@code target} opens with: the same scheme and
     * parameters with {@code target} as path; a layered store's checkpoint is a directory of both layers
     * that opens as {@code layered:<target>}.
     */
    static String specOfCopy(String storeSpec, Path target) {
        Spec spec = Spec.parse(storeSpec);
        if (spec.scheme().equals("layered")) {
            return "layered:" + target.toAbsolutePath();
        }
        return spec.withPath(target.toAbsolutePath().toString()).text();
    }
}
