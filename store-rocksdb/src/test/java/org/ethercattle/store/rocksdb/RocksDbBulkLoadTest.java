package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDBException;

/**
 * Bulk-load mode on a real RocksDB store: the live level-0 limits it sets, and how it returns to the
 * normal ones. Level 0 is made deep on purpose by flushing with automatic compaction switched off, so the
 * "still settling" states are certain rather than a race with compaction.
 */
class RocksDbBulkLoadTest {

    /** Level-0 files made for the deep cases: above the normal slowdown limit of 20. */
    private static final int DEEP = 24;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @DisplayName("bulk-load mode raises the live level-0 limits to the spec's bulk ones, and leaving it with a"
            + " shallow level 0 restores the normal ones at once")
    void raisesAndRestoresTheLimits() throws RocksDBException {
        try (RocksDbDatabase db = open("bulkL0SlowdownFiles=70&bulkL0StopFiles=90")) {
            assertThat(db).isInstanceOf(BulkLoadable.class);
            assertThat(liveLimits(db)).containsExactly(20, 36);

            db.beginBulkLoad();
            db.beginBulkLoad(); // idempotent
            assertThat(liveLimits(db)).containsExactly(70, 90);
            assertThat(db.bulkLoadLimitsRaised()).isTrue();
            db.put(utf8("k"), utf8("v"));

            db.endBulkLoad();
            assertThat(liveLimits(db)).containsExactly(20, 36);
            assertThat(db.bulkLoadLimitsRaised()).isFalse();
            db.endBulkLoad(); // idempotent
            assertThat(db.get(utf8("k"))).isEqualTo(utf8("v"));
        }
    }

    @Test
    @DisplayName("leaving bulk-load mode with a deep level 0 keeps the raised limits until compaction brings"
            + " level 0 under the normal slowdown limit, then restores the normal ones")
    void keepsTheRaisedLimitsUntilLevelZeroDrains() throws Exception {
        try (RocksDbDatabase db = open("")) {
            setAutoCompactions(db, false);
            db.beginBulkLoad();
            flushLevelZeroFiles(db, DEEP);
            db.endBulkLoad();

            assertThat(levelZeroFiles(db)).isGreaterThanOrEqualTo(DEEP);
            assertThat(db.bulkLoadLimitsRaised()).as("settling while level 0 is deep").isTrue();
            assertThat(liveLimits(db)).containsExactly(60, 80);

            setAutoCompactions(db, true);
            awaitNormalLimits(db);
            assertThat(levelZeroFiles(db)).isLessThan(20);
            assertThat(liveLimits(db)).containsExactly(20, 36);
            assertThat(db.get(key(DEEP - 1))).isEqualTo(utf8("value"));
        }
    }

    @Test
    @DisplayName("entering bulk-load mode again while settling keeps the raised limits, and a store closed while"
            + " settling stops its settle thread")
    void reenterWhileSettlingThenClose() throws Exception {
        RocksDbDatabase db = open("");
        try {
            setAutoCompactions(db, false);
            db.beginBulkLoad();
            flushLevelZeroFiles(db, DEEP);
            db.endBulkLoad();
            assertThat(settleThreads()).as("settle threads of this store").isEqualTo(1);

            db.beginBulkLoad();
            assertThat(liveLimits(db)).containsExactly(60, 80);
            db.endBulkLoad();
            assertThat(db.bulkLoadLimitsRaised()).isTrue();
        } finally {
            db.close();
        }
        awaitNoSettleThreads();
        assertThatThrownBy(db::beginBulkLoad).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(db::endBulkLoad).isInstanceOf(StoreClosedException.class);
    }

    @Test
    @DisplayName("a store opened with a deep level 0 (a bulk load that ended with its process) starts with the"
            + " raised limits and settles to the normal ones")
    void openingWithADeepLevelZeroSettles() throws Exception {
        try (RocksDbDatabase db = open("")) {
            setAutoCompactions(db, false);
            flushLevelZeroFiles(db, DEEP);
            // What open() does, called here while compaction is still off so the deep state is certain.
            db.settleLevelZeroIfDeep();
            assertThat(db.bulkLoadLimitsRaised()).isTrue();
            assertThat(liveLimits(db)).containsExactly(60, 80);

            setAutoCompactions(db, true);
            awaitNormalLimits(db);
            assertThat(liveLimits(db)).containsExactly(20, 36);
        }
        // And through a real reopen: whatever compaction managed meanwhile, the store ends on the normal limits.
        try (RocksDbDatabase db = open("")) {
            awaitNormalLimits(db);
            assertThat(db.get(key(0))).isEqualTo(utf8("value"));
        }
    }

    @Test
    @DisplayName("a read-only store ignores the bulk-load hint")
    void readOnlyIgnoresTheHint() throws RocksDBException {
        try (RocksDbDatabase db = open("")) {
            db.put(utf8("k"), utf8("v"));
        }
        RocksDbSettings settings = RocksDbSettings.from(Spec.parse("rocksdb:" + dir.resolve("db")));
        try (RocksDbDatabase db = RocksDbDatabase.open(settings, OpenMode.READ_ONLY)) {
            db.beginBulkLoad();
            assertThat(db.bulkLoadLimitsRaised()).isFalse();
            assertThat(liveLimits(db)).containsExactly(20, 36);
            db.endBulkLoad();
        }
    }

    private RocksDbDatabase open(String params) {
        String spec = "rocksdb:" + dir.resolve("db") + "?wal=false" + (params.isEmpty() ? "" : "&" + params);
        Database db = Stores.open(spec);
        assertThat(db).isInstanceOf(RocksDbDatabase.class);
        return (RocksDbDatabase) db;
    }

    /** Writes one key and flushes it, {@code files} times: one level-0 file each while compaction is off. */
    private static void flushLevelZeroFiles(RocksDbDatabase db, int files) throws RocksDBException {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            for (int i = 0; i < files; i++) {
                db.put(key(i), utf8("value"));
                db.rocksDb().flush(flush);
            }
        }
    }

    private static void setAutoCompactions(RocksDbDatabase db, boolean on) throws RocksDBException {
        db.rocksDb().setOptions(MutableColumnFamilyOptions.builder().setDisableAutoCompactions(!on).build());
    }

    private static int[] liveLimits(RocksDbDatabase db) throws RocksDBException {
        MutableColumnFamilyOptions.MutableColumnFamilyOptionsBuilder live = db.rocksDb().getOptions();
        return new int[] {live.level0SlowdownWritesTrigger(), live.level0StopWritesTrigger()};
    }

    private static long levelZeroFiles(RocksDbDatabase db) throws RocksDBException {
        return Long.parseLong(db.rocksDb().getProperty("rocksdb.num-files-at-level0").trim());
    }

    /** Waits for the settle thread to restore the normal limits. */
    private static void awaitNormalLimits(RocksDbDatabase db) throws InterruptedException {
        awaitUntil(() -> !db.bulkLoadLimitsRaised(), "the normal limits restored");
    }

    private void awaitNoSettleThreads() throws InterruptedException {
        awaitUntil(() -> settleThreads() == 0, "the settle thread gone");
    }

    /**
     * Waits until {@code condition} holds. The deadline only keeps a broken settle thread from hanging the
     * build: it fails only if the condition never comes, and measures nothing.
     */
    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for " + what);
            }
            Thread.sleep(50);
        }
    }

    private long settleThreads() {
        String name = "rocksdb-settle " + dir.resolve("db").toAbsolutePath().normalize();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name) && t.isAlive())
                .count();
    }

    private static byte[] key(int i) {
        return utf8("key-" + i);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
