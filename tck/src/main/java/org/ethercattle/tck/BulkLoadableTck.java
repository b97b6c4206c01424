package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ethercattle.api.Batch;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.spi.OpenMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link BulkLoadable} contract (clauses BL1-BL9 of its javadoc): in bulk-load mode the store keeps
 * the {@link Database} contract, the mode is not persistent, leaving it does not wait for the deferred
 * upkeep, both methods are idempotent, safe from any thread and refused after close, a read-only store may
 * ignore them, and {@link BulkLoadable#deferredUpkeepPending()} says when the upkeep is under way.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newStoreSpec(java.nio.file.Path)}; the store
 * it opens must implement {@link BulkLoadable}. A store that takes the hint but defers nothing (a decorator
 * over a store without the mode) overrides {@link #defersUpkeep()} to return {@code false}: the tests of
 * deferred upkeep are then skipped and {@code deferredUpkeepPending()} must stay false.
 */
public abstract class BulkLoadableTck extends StoreSuite {

    /** Enough writes, in batches, that an LSM store flushes files while in the mode. */
    private static final int BATCHES = 200;
    private static final int KEYS_PER_BATCH = 50;

    /**
     * Whether the store defers upkeep in the mode, so that {@code deferredUpkeepPending()} is true in it.
     * Default {@code true}; a store that defers nothing returns {@code false}.
     */
    protected boolean defersUpkeep() {
        return true;
    }

    @Test
    @DisplayName("BL1: the store the factory opens implements BulkLoadable")
    void required_storeIsBulkLoadable() {
        assertThat(openNewStore()).isInstanceOf(BulkLoadable.class);
    }

    @Test
    @DisplayName("BL2: in bulk-load mode every write is visible, batches are whole, and cursors read exactly what was"
            + " written, in the mode and after it")
    void required_theDatabaseContractHoldsInTheMode() {
        Database db = openNewStore();
        BulkLoadable bulk = bulkLoadable(db);
        ReferenceModel model = new ReferenceModel();
        bulk.beginBulkLoad();
        writeBatches(db, model, 0, BATCHES);
        db.put(key(1, 1), Bytes.utf8("overwritten"));
        model.put(key(1, 1), Bytes.utf8("overwritten"));
        db.delete(key(2, 2));
        model.delete(key(2, 2));
        assertThat(db.get(key(1, 1))).isEqualTo(Bytes.utf8("overwritten"));
        assertThat(db.has(key(2, 2))).isFalse();
        assertThat(entries(db)).as("in the mode").containsExactlyElementsOf(model.all());
        bulk.endBulkLoad();
        writeBatches(db, model, BATCHES, 10);
        assertThat(entries(db)).as("after the mode").containsExactlyElementsOf(model.all());
    }

    @Test
    @DisplayName("BL3: the mode is not persistent: data written in it survives a reopen, and the reopened store is out"
            + " of the mode (its upkeep catches up)")
    void optional_theModeDoesNotSurviveAReopen() throws InterruptedException {
        assumePersistent();
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        ReferenceModel model = new ReferenceModel();
        bulkLoadable(db).beginBulkLoad();
        writeBatches(db, model, 0, BATCHES);
        closeEverythingOpened();

        Database reopened = open(spec, OpenMode.READ_WRITE);
        assertThat(entries(reopened)).containsExactlyElementsOf(model.all());
        BulkLoadable bulk = bulkLoadable(reopened);
        awaitNoDeferredUpkeep(bulk, "a reopened store (never put in bulk-load mode) to report no deferred upkeep");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("BL4: leaving the mode does not stall the writes after it, and the deferred upkeep then ends")
    void required_leavingTheModeLetsWritesGoOn() throws InterruptedException {
        Database db = openNewStore();
        BulkLoadable bulk = bulkLoadable(db);
        ReferenceModel model = new ReferenceModel();
        bulk.beginBulkLoad();
        writeBatches(db, model, 0, BATCHES);
        bulk.endBulkLoad();
        writeBatches(db, model, BATCHES, 10);
        assertThat(db.get(key(BATCHES + 9, KEYS_PER_BATCH - 1))).isNotNull();
        awaitNoDeferredUpkeep(bulk, "the upkeep deferred by bulk-load mode to catch up after endBulkLoad()");
        assertThat(entries(db)).containsExactlyElementsOf(model.all());
    }

    @Test
    @DisplayName("BL5: beginBulkLoad and endBulkLoad are idempotent: twice in a row, and ending without beginning, is"
            + " harmless")
    void required_beginAndEndAreIdempotent() throws InterruptedException {
        Database db = openNewStore();
        BulkLoadable bulk = bulkLoadable(db);
        bulk.endBulkLoad();
        bulk.beginBulkLoad();
        bulk.beginBulkLoad();
        db.put(key(0, 0), Bytes.utf8("v"));
        bulk.endBulkLoad();
        bulk.endBulkLoad();
        assertThat(db.get(key(0, 0))).isEqualTo(Bytes.utf8("v"));
        awaitNoDeferredUpkeep(bulk, "no deferred upkeep after the mode was left (twice)");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("BL6: the mode may be entered and left from any thread, also while another thread writes batches")
    void required_safeFromAnyThread() throws Exception {
        Database db = openNewStore();
        BulkLoadable bulk = bulkLoadable(db);
        ReferenceModel model = new ReferenceModel();
        Concurrently.run(() -> writeBatches(db, model, 0, BATCHES), 2, () -> {
            for (int i = 0; i < 50; i++) {
                bulk.beginBulkLoad();
                bulk.deferredUpkeepPending();
                bulk.endBulkLoad();
            }
            return null;
        });
        bulk.endBulkLoad();
        assertThat(entries(db)).containsExactlyElementsOf(model.all());
        awaitNoDeferredUpkeep(bulk, "no deferred upkeep once every thread left the mode");
    }

    @Test
    @DisplayName("BL7: beginBulkLoad and endBulkLoad on a closed store throw StoreClosedException; deferredUpkeepPending"
            + " answers false")
    void required_closedStoreRefusesTheMode() {
        Database db = openNewStore();
        BulkLoadable bulk = bulkLoadable(db);
        bulk.beginBulkLoad();
        db.close();
        assertThatThrownBy(bulk::beginBulkLoad).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(bulk::endBulkLoad).isInstanceOf(StoreClosedException.class);
        assertThat(bulk.deferredUpkeepPending()).as("deferredUpkeepPending() once closed").isFalse();
    }

    @Test
    @DisplayName("BL8: a READ_ONLY open takes beginBulkLoad and endBulkLoad without error and reads on unchanged")
    void optional_readOnlyOpenTakesTheHint() {
        assumePersistent();
        Assumptions.assumeTrue(capabilities().readOnlyMode(), "the store has no read-only mode (capabilities)");
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        db.put(key(0, 0), Bytes.utf8("v"));
        closeEverythingOpened();
        Database readOnly = open(spec, OpenMode.READ_ONLY);
        BulkLoadable bulk = bulkLoadable(readOnly);
        assertThatCode(() -> {
            bulk.beginBulkLoad();
            bulk.endBulkLoad();
        }).doesNotThrowAnyException();
        assertThat(readOnly.get(key(0, 0))).isEqualTo(Bytes.utf8("v"));
    }

    @Test
    @DisplayName("BL9: deferredUpkeepPending is false before the mode and true in it, for a store that defers upkeep")
    void optional_deferredUpkeepIsPendingInTheMode() {
        Assumptions.assumeTrue(defersUpkeep(), "the store defers no upkeep in the mode (defersUpkeep())");
        Database db = openNewStore();
        BulkLoadable bulk = bulkLoadable(db);
        assertThat(bulk.deferredUpkeepPending()).as("before the mode").isFalse();
        bulk.beginBulkLoad();
        assertThat(bulk.deferredUpkeepPending()).as("in the mode").isTrue();
        writeBatches(db, new ReferenceModel(), 0, 10);
        assertThat(bulk.deferredUpkeepPending()).as("in the mode, after writes").isTrue();
    }

    @Test
    @DisplayName("BL9: a store that defers no upkeep never reports deferred upkeep, in the mode or after it")
    void optional_storeThatDefersNothingNeverReportsPendingUpkeep() {
        Assumptions.assumeFalse(defersUpkeep(), "the store defers upkeep in the mode (defersUpkeep())");
        Database db = openNewStore();
        BulkLoadable bulk = bulkLoadable(db);
        bulk.beginBulkLoad();
        writeBatches(db, new ReferenceModel(), 0, 10);
        assertThat(bulk.deferredUpkeepPending()).as("in the mode").isFalse();
        bulk.endBulkLoad();
        assertThat(bulk.deferredUpkeepPending()).as("after the mode").isFalse();
    }

    // ---------------------------------------------------------------- helpers

    /** Waits until {@code bulk} reports no deferred upkeep; the suite's {@code @Timeout} ends a wait that never ends. */
    private static void awaitNoDeferredUpkeep(BulkLoadable bulk, String what) throws InterruptedException {
        Await.until(() -> !bulk.deferredUpkeepPending(), () -> what);
    }

    private static BulkLoadable bulkLoadable(Database db) {
        assertThat(db).as("the store under test must implement BulkLoadable").isInstanceOf(BulkLoadable.class);
        return (BulkLoadable) db;
    }

    /** Writes batches {@code first .. first + count - 1} to {@code db} and {@code model}. */
    private static void writeBatches(Database db, ReferenceModel model, int first, int count) {
        byte[] value = new byte[100];
        for (int b = first; b < first + count; b++) {
            try (Batch batch = db.newBatch()) {
                for (int i = 0; i < KEYS_PER_BATCH; i++) {
                    value[0] = (byte) b;
                    value[1] = (byte) i;
                    batch.put(key(b, i), value);
                    model.put(key(b, i), value);
                }
                batch.write();
            }
        }
    }

    private static byte[] key(int batch, int index) {
        return Bytes.utf8(String.format("tck-bulk-%06d-%03d", batch, index));
    }

    private static List<KeyValue> entries(Database db) {
        try (Cursor cursor = db.cursor()) {
            return KeyValue.drain(cursor);
        }
    }
}
