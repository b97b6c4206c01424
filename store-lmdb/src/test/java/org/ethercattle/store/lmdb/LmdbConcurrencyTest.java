package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Map growth and close racing readers: no torn reads, no crash in native code. */
class LmdbConcurrencyTest {

    private static final int KEYS_PER_BATCH = 50;

    @TempDir
    Path dir;

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    @Test
    @DisplayName("readers running while the writer forces many map growths always see whole batches")
    void growthUnderConcurrentReaders() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try (Database db = Stores.open("lmdb:" + dir.resolve("db") + "?mapSize=64k&sync=none")) {
            AtomicBoolean done = new AtomicBoolean();
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int checks = 0;
                    while (!done.get()) {
                        // Every batch writes KEYS_PER_BATCH keys with the same value: a cursor sees a
                        // multiple of them, each value being its batch's number.
                        int seen = 0;
                        try (Cursor c = db.cursor()) {
                            while (c.next()) {
                                int batch = ByteBuffer.wrap(c.value()).getInt();
                                assertThat(ByteBuffer.wrap(c.key()).getInt() / KEYS_PER_BATCH).isEqualTo(batch);
                                seen++;
                            }
                        }
                        assertThat(seen % KEYS_PER_BATCH).isZero();
                        byte[] first = db.get(key(0));
                        assertThat(first == null || first.length == 500).isTrue();
                        checks++;
                    }
                    return checks;
                }));
            }
            Future<?> writer = pool.submit(() -> {
                for (int n = 0; n < 200; n++) {
                    try (Batch batch = db.newBatch()) {
                        for (int i = 0; i < KEYS_PER_BATCH; i++) {
                            byte[] value = new byte[500];
                            ByteBuffer.wrap(value).putInt(n);
                            batch.put(key(n * KEYS_PER_BATCH + i), value);
                        }
                        batch.write();
                    }
                }
                done.set(true);
                return null;
            });
            writer.get();
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).isPositive();
            }
            assertThat(((LmdbDatabase) db).mapSize()).isGreaterThan(64L * 1024 * 16);
            try (Cursor c = db.cursor()) {
                int count = 0;
                while (c.next()) {
                    count++;
                }
                assertThat(count).isEqualTo(200 * KEYS_PER_BATCH);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("closing while other threads read and write: each call succeeds or reports the store closed")
    void closeRacesCalls() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Database db = Stores.open("lmdb:" + dir.resolve("db") + "?sync=none");
            for (int i = 0; i < 100; i++) {
                db.put(key(i), key(i));
            }
            List<Future<Integer>> workers = new ArrayList<>();
            AtomicInteger[] progress = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
            for (int w = 0; w < 3; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    int calls = 0;
                    try {
                        while (true) {
                            progress[worker].incrementAndGet();
                            switch (worker) {
                                case 0 -> assertThat(db.get(key(calls % 100))).isEqualTo(key(calls % 100));
                                case 1 -> db.put(key(calls % 100), key(calls % 100));
                                default -> {
                                    try (Cursor c = db.cursor()) {
                                        while (c.next()) {
                                            c.value();
                                        }
                                    }
                                }
                            }
                            calls++;
                        }
                    } catch (StoreClosedException expected) {
                        return calls;
                    } catch (IllegalStateException e) {
                        // The Cursor contract: value() on a cursor closed (here by the store's close) is illegal.
                        assertThat(worker).isEqualTo(2);
                        assertThat(e).hasMessageContaining("closed");
                        return calls;
                    }
                }));
            }
            // Close once every worker is busy; each must then stop with StoreClosedException.
            for (AtomicInteger calls : progress) {
                while (calls.get() < 10) {
                    Thread.onSpinWait();
                }
            }
            db.close();
            for (Future<Integer> worker : workers) {
                assertThat(worker.get()).isGreaterThanOrEqualTo(9);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
