package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.adapter.support.Directories;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link Checkpointable} contract: a consistent on-disk copy of a live store, taken while other
 * threads keep writing, that opens as a normal store of the same kind and holds exactly the effects of
 * a prefix of the completed batches.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newStoreSpec(Path)}; the store it opens
 * must implement {@link Checkpointable}. The copy is opened with the original spec's scheme and
 * parameters and the target as its path ({@link #specAt(String, Path)}; override that for a spec of
 * another shape).
 */
public abstract class CheckpointableTck extends StoreSuite {

    /** Keys per batch in the concurrent test: enough that a torn batch would show. */
    private static final int KEYS_PER_BATCH = 64;
    private static final int CHECKPOINTS_DURING_WRITES = 3;

    /**
     * The spec of the store a checkpoint wrote into {@code target}: the original spec's scheme,
     * authority and parameters, with {@code target} as its path.
     */
    protected String specAt(String originalSpec, Path target) {
        Spec spec = Spec.parse(originalSpec);
        StringBuilder text = new StringBuilder(spec.scheme()).append(':');
        if (spec.authority() != null) {
            text.append("//").append(spec.authority()).append('/');
        }
        text.append(target);
        char separator = '?';
        for (Map.Entry<String, String> param : spec.params().entrySet()) {
            text.append(separator).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
            separator = '&';
        }
        return text.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("CP1: the store the factory opens implements Checkpointable")
    void required_storeIsCheckpointable() {
        assertThat(openNewStore()).isInstanceOf(Checkpointable.class);
    }

    @Test
    @DisplayName("CP2, CP3: the copy opens as a normal store (same scheme, the target as path) holding exactly the data written")
    void required_copyOpensWithExactlyTheDataWritten() {
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        db.put(utf8("alpha"), utf8("1"));
        db.put(utf8("beta"), utf8("2"));
        db.put(utf8("gone"), utf8("3"));
        db.delete(utf8("gone"));
        try (Batch batch = db.newBatch()) {
            batch.put(utf8("gamma"), utf8("4"));
            batch.put(new byte[] {0x00, (byte) 0xFF}, new byte[0]);
            batch.put(ReservedKeys.key("checkpoint/tck"), utf8("position 42"));
            batch.delete(utf8("beta"));
            batch.write();
        }
        List<KeyValue> expected = entries(db);

        Path target = newTarget();
        checkpointable(db).checkpoint(target);

        Database copy = open(specAt(spec, target), OpenMode.READ_WRITE);
        assertThat(entries(copy)).containsExactlyElementsOf(expected);
        assertThat(copy.get(ReservedKeys.key("checkpoint/tck"))).isEqualTo(utf8("position 42"));
        assertThat(copy.get(utf8("gone"))).isNull();
    }

    @Test
    @DisplayName("CP2: a checkpoint of an empty store opens as an empty store")
    void required_copyOfEmptyStoreIsEmpty() {
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        Path target = newTarget();
        checkpointable(db).checkpoint(target);
        assertThat(entries(open(specAt(spec, target), OpenMode.READ_WRITE))).isEmpty();
    }

    @Test
    @DisplayName("CP2: a checkpoint taken while another thread keeps writing batches holds only whole batches, a prefix of them")
    void required_checkpointDuringWritesHoldsOnlyWholeBatches() throws Exception {
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        AtomicLong completed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        List<Path> targets = new ArrayList<>();
        List<Long> completedBefore = new ArrayList<>();
        try {
            Future<?> writing = writer.submit(() -> writeGenerations(db, completed, stop::get));
            for (int i = 0; i < CHECKPOINTS_DURING_WRITES; i++) {
                waitForMoreBatches(completed, writing, (i + 1) * 20L);
                Path target = newTarget();
                completedBefore.add(completed.get());
                checkpointable(db).checkpoint(target);
                targets.add(target);
            }
            stop.set(true);
            writing.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            writer.shutdownNow();
        }
        for (int i = 0; i < targets.size(); i++) {
            Database copy = open(specAt(spec, targets.get(i)), OpenMode.READ_WRITE);
            assertHoldsWholeGenerations(copy, completedBefore.get(i), targets.get(i));
            copy.close();
        }
    }

    /** Batch {@code g} sets every slot key to {@code g} and adds the marker key of generation {@code g}. */
    private static void writeGenerations(Database db, AtomicLong completed, BooleanSupplier stop) {
        try (Batch batch = db.newBatch()) {
            for (long generation = 0; !stop.getAsBoolean(); generation++) {
                batch.reset();
                byte[] value = ByteBuffer.allocate(Long.BYTES).putLong(generation).array();
                for (int slot = 0; slot < KEYS_PER_BATCH; slot++) {
                    batch.put(utf8(String.format("slot/%03d", slot)), value);
                }
                batch.put(marker(generation), value);
                batch.write();
                completed.incrementAndGet();
            }
        }
    }

    private static void waitForMoreBatches(AtomicLong completed, Future<?> writing, long atLeast) throws Exception {
        while (completed.get() < atLeast) {
            if (writing.isDone()) {
                writing.get(); // rethrows the writer's failure
                throw new AssertionError("the writer stopped after " + completed.get() + " batches");
            }
            Thread.sleep(1);
        }
    }

    private static void assertHoldsWholeGenerations(Database copy, long completedBefore, Path target) {
        Map<String, Long> slots = new TreeMap<>();
        long markers = 0;
        long highestMarker = -1;
        try (Cursor cursor = copy.cursor(utf8("slot/"), new byte[0])) {
            while (cursor.next()) {
                slots.put(new String(cursor.key(), StandardCharsets.UTF_8), ByteBuffer.wrap(cursor.value()).getLong());
            }
        }
        try (Cursor cursor = copy.cursor(utf8("generation/"), new byte[0])) {
            while (cursor.next()) {
                markers++;
                highestMarker = Math.max(highestMarker, ByteBuffer.wrap(cursor.value()).getLong());
            }
        }
        assertThat(slots).as("slot keys in the checkpoint at %s", target).hasSize(KEYS_PER_BATCH);
        assertThat(slots.values()).as("every slot of the checkpoint at %s holds the same generation (no batch"
                + " seen in part)", target).containsOnly(highestMarker);
        assertThat(markers).as("generation markers in the checkpoint at %s: exactly generations 0.."
                + highestMarker + ", a prefix of the batches", target).isEqualTo(highestMarker + 1);
        assertThat(markers).as("the checkpoint at %s holds every batch completed before it began", target)
                .isGreaterThanOrEqualTo(completedBefore);
    }

    private static byte[] marker(long generation) {
        return utf8(String.format("generation/%012d", generation));
    }

    @Test
    @DisplayName("CP5: a checkpoint into a target that already exists is refused with StoreException and leaves it untouched")
    void required_existingTargetIsRefused() throws IOException {
        Database db = openNewStore();
        db.put(utf8("k"), utf8("v"));
        Path target = newTarget();
        Files.createDirectories(target);
        Path bystander = Files.writeString(target.resolve("keep-me"), "not a store");
        assertThatThrownBy(() -> checkpointable(db).checkpoint(target)).isInstanceOf(StoreException.class);
        assertThat(Files.readString(bystander)).isEqualTo("not a store");
        try (var listing = Files.list(target)) {
            assertThat(listing).containsExactly(bystander);
        }
    }

    @Test
    @DisplayName("CP5: a checkpoint into a directory whose parent does not exist is refused with StoreException")
    void required_targetWithoutParentIsRefused() {
        Database db = openNewStore();
        Path target = newTarget().resolve("missing-parent").resolve("copy");
        assertThatThrownBy(() -> checkpointable(db).checkpoint(target)).isInstanceOf(StoreException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    @DisplayName("CP4: the live store and its copy are independent after the checkpoint: writes to one never show in the other")
    void required_liveStoreContinuesUnaffected() {
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        db.put(utf8("before"), utf8("1"));
        Path target = newTarget();
        checkpointable(db).checkpoint(target);

        db.put(utf8("after-in-live"), utf8("2"));
        db.put(utf8("before"), utf8("changed in live"));
        Database copy = open(specAt(spec, target), OpenMode.READ_WRITE);
        copy.put(utf8("after-in-copy"), utf8("3"));

        assertThat(db.get(utf8("before"))).isEqualTo(utf8("changed in live"));
        assertThat(db.get(utf8("after-in-live"))).isEqualTo(utf8("2"));
        assertThat(db.get(utf8("after-in-copy"))).isNull();
        assertThat(copy.get(utf8("before"))).isEqualTo(utf8("1"));
        assertThat(copy.get(utf8("after-in-live"))).isNull();
        assertThat(copy.get(utf8("after-in-copy"))).isEqualTo(utf8("3"));
    }

    @Test
    @DisplayName("CP4: the copy survives the original: closing and deleting the original store leaves the copy intact")
    void required_copyOutlivesTheOriginal() {
        Path originalDirectory = newDirectory("original");
        String spec = newStoreSpec(originalDirectory);
        Database db = open(spec, OpenMode.READ_WRITE);
        db.put(utf8("k"), utf8("v"));
        Path target = newTarget();
        checkpointable(db).checkpoint(target);
        db.close();
        deleteRecursively(originalDirectory);

        Database copy = open(specAt(spec, target), OpenMode.READ_WRITE);
        assertThat(entries(copy)).containsExactly(new KeyValue(utf8("k"), utf8("v")));
    }

    @Test
    @DisplayName("CP7: a store opened READ_ONLY can be checkpointed: the copy opens read-write and holds whole batches,"
            + " a prefix of them, and the original is unchanged")
    void optional_readOnlyStoreCanBeCheckpointed() {
        assumePersistent();
        Assumptions.assumeTrue(capabilities().readOnlyMode(), "the store has no read-only mode (capabilities)");
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        AtomicLong written = new AtomicLong();
        writeGenerations(db, written, () -> written.get() >= 30);
        List<KeyValue> expected = entries(db);
        closeEverythingOpened();

        Database readOnly = open(spec, OpenMode.READ_ONLY);
        Path target = newTarget();
        checkpointable(readOnly).checkpoint(target);

        Database copy = open(specAt(spec, target), OpenMode.READ_WRITE);
        if (!entries(copy).isEmpty()) { // the empty prefix: a store that cannot flush read-only (RocksDB's WAL)
            assertHoldsWholeGenerations(copy, 0, target);
        }
        assertThat(entries(copy)).as("the copy holds no more than was written")
                .hasSizeLessThanOrEqualTo(expected.size());
        copy.put(utf8("written-to-the-copy"), utf8("1"));
        assertThat(copy.get(utf8("written-to-the-copy"))).isEqualTo(utf8("1"));
        assertThat(entries(readOnly)).as("the read-only original after the checkpoint")
                .containsExactlyElementsOf(expected);
        closeEverythingOpened();
        assertThat(entries(open(spec, OpenMode.READ_WRITE))).as("the original reopened")
                .containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("CP8: checkpoint after close throws StoreClosedException and writes nothing")
    void required_checkpointAfterCloseThrows() {
        Database db = openNewStore();
        Checkpointable checkpointable = checkpointable(db);
        db.close();
        Path target = newTarget();
        assertThatThrownBy(() -> checkpointable.checkpoint(target)).isInstanceOf(StoreClosedException.class);
        assertThat(target).doesNotExist();
    }

    private Path newTarget() {
        return newPath("checkpoint");
    }

    private static Checkpointable checkpointable(Database db) {
        assertThat(db).as("the store under test must implement Checkpointable").isInstanceOf(Checkpointable.class);
        return (Checkpointable) db;
    }

    private static List<KeyValue> entries(Database db) {
        try (Cursor cursor = db.cursor()) {
            return KeyValue.drain(cursor);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path root) {
        try {
            Directories.deleteRecursively(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
