package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.tck.Await;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.RocksDBException;

/**
 * Bulk-load mode on a real RocksDB store: the live compaction switch and level-0 limits it sets, and how
 * it returns to the normal ones. Level 0 is made deep on purpose by flushing while compaction is paused, and
 * RocksDB's background work is held back around the checks of a deep level 0, so the "still settling"
 * states are certain rather than a race with compaction.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // ends a wait for RocksDB that never ends; measures nothing
class RocksDbBulkLoadTest {

    /** Level-0 files made for the deep cases: above the normal slowdown limit of 20. */
    private static final int DEEP = 24;

    @TempDir
    Path dir;

    @Test
    @DisplayName("bulk-load mode pauses automatic compaction and raises the live level-0 limits to the spec's"
            + " bulk ones; leaving it with a shallow level 0 restores the normal settings at once")
    void pausesCompactionAndRestores() throws RocksDBException {
        try (RocksDbDatabase db = open("bulkL0SlowdownFiles=70&bulkL0StopFiles=90")) {
            assertThat(db).isInstanceOf(BulkLoadable.class);
            assertThat(liveLimits(db)).containsExactly(20, 36);
            assertThat(liveCompactionPaused(db)).isFalse();

            assertThat(db.deferredUpkeepPending()).isFalse();
            db.beginBulkLoad();
            db.beginBulkLoad(); // idempotent
            assertThat(db.deferredUpkeepPending()).isTrue();
            assertThat(liveLimits(db)).containsExactly(70, 90);
            assertThat(liveCompactionPaused(db)).isTrue();
            assertThat(db.bulkLoadLimitsRaised()).isTrue();
            assertThat(db.bulkLoadCompactionPaused()).isTrue();
            db.put(utf8("k"), utf8("v"));

            db.endBulkLoad();
            assertThat(liveLimits(db)).containsExactly(20, 36);
            assertThat(liveCompactionPaused(db)).isFalse();
            assertThat(db.bulkLoadLimitsRaised()).isFalse();
            assertThat(db.deferredUpkeepPending()).as("nothing to merge after a shallow load").isFalse();
            db.endBulkLoad(); // idempotent
            assertThat(db.get(utf8("k"))).isEqualTo(utf8("v"));
        }
    }

    @Test
    @DisplayName("with bulkL0CompactionFiles=0, bulk-load mode keeps compaction running and only raises the limits")
    void compactionRunsThroughoutWhenNotDeferred() throws RocksDBException {
        try (RocksDbDatabase db = open("bulkL0CompactionFiles=0")) {
            db.beginBulkLoad();
            assertThat(liveCompactionPaused(db)).isFalse();
            assertThat(db.bulkLoadCompactionPaused()).isFalse();
            assertThat(liveLimits(db)).containsExactly(60, 80);
            db.endBulkLoad();
            assertThat(liveLimits(db)).containsExactly(20, 36);
        }
    }

    @Test
    @DisplayName("every flush stays in level 0 while compaction is paused; leaving the mode with a deep level 0"
            + " resumes compaction with the normal room on top of the files there, and the normal limits return"
            + " once compaction brings level 0 under the normal slowdown limit")
    void keepsRaisedLimitsUntilLevelZeroDrains() throws Exception {
        // The bulk limits given equal the normal ones, so the limits seen are the room on top of level 0.
        try (RocksDbDatabase db = open("bulkL0SlowdownFiles=20&bulkL0StopFiles=36")) {
            db.beginBulkLoad();
            flushLevelZeroFiles(db, DEEP);
            assertThat(levelZeroFiles(db)).as("level-0 files with compaction paused").isEqualTo(DEEP);

            // Holds compaction back between the two checks below, so the deep state is certain.
            db.rocksDb().pauseBackgroundWork();
            try {
                db.endBulkLoad();
                assertThat(liveCompactionPaused(db)).isFalse();
                assertThat(db.bulkLoadLimitsRaised()).as("settling while level 0 is deep").isTrue();
                assertThat(db.deferredUpkeepPending()).isTrue();
                assertThat(liveLimits(db)).containsExactly(DEEP + 20, DEEP + 36);
            } finally {
                db.rocksDb().continueBackgroundWork();
            }

            awaitNormalLimits(db);
            assertThat(levelZeroFiles(db)).isLessThan(20);
            assertThat(db.deferredUpkeepPending()).isFalse();
            assertThat(liveLimits(db)).containsExactly(20, 36);
            assertThat(db.get(key(DEEP - 1))).isEqualTo(utf8("value"));
        }
    }

    @Test
    @DisplayName("when level 0 reaches bulkL0CompactionFiles in bulk-load mode, compaction resumes under raised"
            + " limits for the rest of the mode")
    void compactionResumesAtTheBound() throws Exception {
        try (RocksDbDatabase db = open("bulkL0CompactionFiles=6")) {
            db.beginBulkLoad();
            flushLevelZeroFiles(db, 6);
            awaitUntil(() -> !db.bulkLoadCompactionPaused(), "compaction resumed at the bound");
            assertThat(liveCompactionPaused(db)).isFalse();
            assertThat(db.bulkLoadLimitsRaised()).as("still in the mode").isTrue();
            int[] limits = liveLimits(db);
            assertThat(limits[0]).isGreaterThanOrEqualTo(60);
            assertThat(limits[1]).isGreaterThanOrEqualTo(80);

            awaitUntil(() -> levelZeroFiles(db) < 6, "compaction to drain level 0 in the mode");
            db.endBulkLoad();
            awaitNormalLimits(db);
            assertThat(db.get(key(5))).isEqualTo(utf8("value"));
        }
    }

    @Test
    @DisplayName("entering bulk-load mode again while settling pauses compaction again, and a store closed while"
            + " settling stops its check thread")
    void reenterWhileSettlingThenClose() throws Exception {
        RocksDbDatabase db = open("");
        try {
            db.beginBulkLoad();
            flushLevelZeroFiles(db, DEEP);
            db.rocksDb().pauseBackgroundWork();
            try {
                db.endBulkLoad();
                assertThat(settleThreads()).as("check threads of this store").isEqualTo(1);

                db.beginBulkLoad();
                assertThat(liveCompactionPaused(db)).isTrue();
                assertThat(liveLimits(db)).containsExactly(60, 80);
                assertThat(settleThreads()).as("check threads of this store").isEqualTo(1);
                db.endBulkLoad();
                assertThat(db.bulkLoadLimitsRaised()).isTrue();
            } finally {
                db.rocksDb().continueBackgroundWork();
            }
        } finally {
            db.close();
        }
        awaitNoSettleThreads();
        assertThat(db.deferredUpkeepPending()).as("closed").isFalse();
        assertThatThrownBy(db::beginBulkLoad).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(db::endBulkLoad).isInstanceOf(StoreClosedException.class);
    }

    @Test
    @DisplayName("a store opened with a deep level 0 (a bulk load that ended with its process) starts with"
            + " raised limits and settles to the normal ones")
    void openingWithADeepLevelZeroSettles() throws Exception {
        try (RocksDbDatabase db = open("")) {
            setAutoCompactions(db, false);
            flushLevelZeroFiles(db, DEEP);
            db.rocksDb().pauseBackgroundWork();
            try {
                // What open() does, called here while compaction is held back so the deep state is certain.
                db.settleLevelZeroIfDeep();
                assertThat(db.bulkLoadLimitsRaised()).isTrue();
                assertThat(liveCompactionPaused(db)).isFalse();
                assertThat(liveLimits(db)).containsExactly(60, 80);
            } finally {
                db.rocksDb().continueBackgroundWork();
            }
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

    private static boolean liveCompactionPaused(RocksDbDatabase db) throws RocksDBException {
        return db.rocksDb().getOptions().disableAutoCompactions();
    }

    private static long levelZeroFiles(RocksDbDatabase db) {
        try {
            return Long.parseLong(db.rocksDb().getProperty("rocksdb.num-files-at-level0").trim());
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the settle thread to restore the normal limits. */
    private static void awaitNormalLimits(RocksDbDatabase db) throws InterruptedException {
        awaitUntil(() -> !db.bulkLoadLimitsRaised(), "the normal limits restored");
    }

    private void awaitNoSettleThreads() throws InterruptedException {
        awaitUntil(() -> settleThreads() == 0, "the settle thread gone");
    }

    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, () -> what);
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
