package org.ethercattle.tck;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;

/**
 * What a child JVM does on a {@link SmallDisk}: opens {@link #spec()}, writes batches of 100 random
 * 1000-byte values, each batch also carrying its number under the key {@code checkpoint}, until a write
 * throws {@link StoreException}; then reports the error, the last acknowledged batch, optionally what the
 * still-open store reads back, and what a reopen of {@link #reopenSpec()} finds, one {@code name: value}
 * line each on standard output ({@code failure}, {@code acknowledged}, {@code read after the failure},
 * {@code reopened}). {@link SmallDisk#fill} starts it and parses those lines into a {@link DiskFillerReport}.
 *
 * <p>Immutable; build one with {@link #writingTo(String)} and the {@code with...} methods. The child
 * receives it as command-line arguments ({@link #arguments()}), so specs must not contain a single quote.
 *
 * @param spec the store the batches go to
 * @param readAfterTheFailure whether the still-open store must answer a read of the checkpoint after
 *     the failed write (its value is reported as {@code read after the failure})
 * @param closeMayFail whether a {@link StoreException} from closing the failed store is ignored (RocksDB
 *     repeats its background error on close); otherwise it fails the child
 * @param reopenSpec the spec reopened after the close to read the checkpoint back
 * @param reopenMode the mode of that reopen
 */
public record DiskFiller(String spec, boolean readAfterTheFailure, boolean closeMayFail, String reopenSpec,
        OpenMode reopenMode) {

    private static final byte[] CHECKPOINT_KEY = "checkpoint".getBytes(StandardCharsets.UTF_8);

    /**
     * A filler of {@code spec} that neither reads after the failure nor tolerates a failing close, and
     * reopens the same spec read-only.
     */
    public static DiskFiller writingTo(String spec) {
        return new DiskFiller(spec, false, false, spec, OpenMode.READ_ONLY);
    }

    /** This filler, also reading the checkpoint from the still-open store after the failure. */
    public DiskFiller withReadAfterTheFailure() {
        return new DiskFiller(spec, true, closeMayFail, reopenSpec, reopenMode);
    }

    /** This filler, ignoring a {@link StoreException} thrown by closing the store after the failure. */
    public DiskFiller withCloseMayFail() {
        return new DiskFiller(spec, readAfterTheFailure, true, reopenSpec, reopenMode);
    }

    /** This filler, reopening {@code spec} in {@code mode} instead of its own spec read-only. */
    public DiskFiller withReopen(String spec, OpenMode mode) {
        return new DiskFiller(this.spec, readAfterTheFailure, closeMayFail, spec, mode);
    }

    /** The command-line arguments {@link #main(String[])} reads this filler back from. */
    public List<String> arguments() {
        return List.of(spec, Boolean.toString(readAfterTheFailure), Boolean.toString(closeMayFail), reopenSpec,
                reopenMode.name());
    }

    /**
     * The child process: fills the store described by {@link #arguments()} and prints the report. An
     * unexpected exception (other than the failed write) ends the JVM with a non-zero exit code.
     */
    public static void main(String[] args) {
        new DiskFiller(args[0], Boolean.parseBoolean(args[1]), Boolean.parseBoolean(args[2]), args[3],
                OpenMode.valueOf(args[4])).fill();
    }

    private void fill() {
        Database db = Stores.open(spec);
        try {
            long acknowledged = writeUntilRefused(db);
            System.out.println("acknowledged: " + acknowledged);
            if (readAfterTheFailure) {
                System.out.println("read after the failure: " + new String(db.get(CHECKPOINT_KEY), StandardCharsets.UTF_8));
            }
        } catch (RuntimeException | Error e) {
            closeQuietly(db, e);
            throw e;
        }
        if (closeMayFail) {
            try {
                db.close();
            } catch (StoreException e) {
                // The store repeats the write's error on close; the reopen below is what matters.
            }
        } else {
            db.close();
        }
        try (Database reopened = Stores.open(reopenSpec, reopenMode)) {
            System.out.println("reopened: " + new String(reopened.get(CHECKPOINT_KEY), StandardCharsets.UTF_8));
        }
    }

    private static long writeUntilRefused(Database db) {
        Random random = new Random(1);
        long acknowledged = -1;
        try {
            for (long batchNumber = 0; batchNumber < 1_000_000; batchNumber++) {
                try (Batch batch = db.newBatch()) {
                    for (int i = 0; i < 100; i++) {
                        byte[] key = new byte[32];
                        byte[] value = new byte[1000];
                        random.nextBytes(key);
                        random.nextBytes(value);
                        batch.put(key, value);
                    }
                    batch.put(CHECKPOINT_KEY, Long.toString(batchNumber).getBytes(StandardCharsets.UTF_8));
                    batch.write();
                    acknowledged = batchNumber;
                }
            }
            System.out.println("failure: none");
        } catch (StoreException e) {
            System.out.println("failure: " + e.getMessage());
        }
        return acknowledged;
    }

    private static void closeQuietly(Database db, Throwable cause) {
        try {
            db.close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
