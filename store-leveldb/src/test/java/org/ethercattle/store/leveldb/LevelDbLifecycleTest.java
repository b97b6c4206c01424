package org.ethercattle.store.leveldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.tck.ChildJvm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, locking, closing and misuse: the places where a native store can crash the JVM. */
class LevelDbLifecycleTest {

    private static final byte[] KEY = {1};

    @TempDir
    Path dir;

    private String spec() {
        return "leveldb:" + dir.resolve("db");
    }

    @Test
    @DisplayName("a store locked by another process fails to open, naming the path and the fix")
    void lockHeldByAnotherProcess() throws Exception {
        Path store = dir.resolve("db");
        Process holder = ChildJvm.running(LockHolder.class).withArguments(store.toString()).processBuilder()
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> Stores.open(spec()))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("leveldb store at " + store + " is in use by another process (LOCK held); stop it"
                            + " or use another path");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor();
        }
        try (Database db = Stores.open(spec())) {
            db.put(KEY, KEY);
        }
    }

    @Test
    @DisplayName("opening a store twice in one process fails with a message saying so")
    void lockHeldInThisProcess() {
        try (Database first = Stores.open(spec())) {
            assertThatThrownBy(() -> Stores.open(spec()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(dir.resolve("db").toString())
                    .hasMessageContaining("already open in this process");
            first.put(KEY, KEY);
        }
    }

    @Test
    @DisplayName("a corrupt manifest fails the open with a message naming the path and the fix")
    void corruptStore() throws Exception {
        try (Database db = Stores.open(spec())) {
            db.put(KEY, KEY);
        }
        Path manifest;
        try (Stream<Path> files = Files.list(dir.resolve("db"))) {
            manifest = files.filter(p -> p.getFileName().toString().startsWith("MANIFEST-")).findFirst().orElseThrow();
        }
        byte[] garbage = new byte[64];
        java.util.Arrays.fill(garbage, 8, 64, (byte) 'x');
        Files.write(manifest, garbage);
        assertThatThrownBy(() -> Stores.open(spec()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("leveldb store at " + dir.resolve("db") + " is corrupt (Corruption:")
                .hasMessageContaining("snapshot");
    }

    @Test
    @DisplayName("close is idempotent and every later call on the database throws StoreClosedException")
    void useAfterClose() {
        Database db = Stores.open(spec());
        db.put(KEY, KEY);
        db.close();
        db.close();
        List<Runnable> calls = List.of(
                () -> db.get(KEY), () -> db.has(KEY), () -> db.put(KEY, KEY), () -> db.delete(KEY),
                db::newBatch, db::cursor, () -> db.cursor(KEY, KEY),
                () -> ((Checkpointable) db).checkpoint(dir.resolve("copy")));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(StoreClosedException.class)
                    .hasMessageContaining(dir.resolve("db").toString());
        }
        assertThat(dir.resolve("copy")).doesNotExist();
    }

    @Test
    @DisplayName("a batch is unusable after its own close or its database's close")
    void batchAfterClose() {
        Database db = Stores.open(spec());
        Batch closedBatch = db.newBatch();
        closedBatch.close();
        closedBatch.close();
        assertThatThrownBy(() -> closedBatch.put(KEY, KEY)).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(closedBatch::write).isInstanceOf(StoreClosedException.class);

        Batch batch = db.newBatch();
        batch.put(KEY, KEY);
        db.close();
        List<Runnable> calls = List.of(() -> batch.put(KEY, KEY), () -> batch.delete(KEY), batch::write,
                batch::reset, batch::count, batch::valueSize, () -> batch.replay(db));
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOf(StoreClosedException.class);
        }
        batch.close();
    }

    @Test
    @DisplayName("closing the database with cursors open frees them; the cursors then refuse use")
    void closeWithOpenCursors() {
        Database db = Stores.open(spec());
        for (int i = 0; i < 1000; i++) {
            db.put(new byte[] {(byte) (i >> 8), (byte) i}, new byte[100]);
        }
        Cursor untouched = db.cursor();
        Cursor midway = db.cursor();
        assertThat(midway.next()).isTrue();
        Cursor finished = db.cursor(new byte[] {9}, new byte[0]);
        assertThat(finished.next()).isFalse();
        db.close();

        assertThatThrownBy(untouched::next).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(midway::next).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(midway::key).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(midway::value).isInstanceOf(StoreClosedException.class);
        untouched.close();
        midway.close();
        midway.close();
        finished.close();
    }

    @Test
    @DisplayName("a cursor refuses key() before next(), after the end, and after its own close")
    void cursorMisuse() {
        try (Database db = Stores.open(spec())) {
            db.put(KEY, KEY);
            Cursor cursor = db.cursor();
            assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.key()).containsExactly(KEY);
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.next()).isFalse();
            assertThatThrownBy(cursor::value).isInstanceOf(IllegalStateException.class);
            cursor.close();
            assertThatThrownBy(cursor::next).isInstanceOf(StoreClosedException.class);
            assertThatThrownBy(cursor::key).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("closing while other threads read, scan and write never crashes; they see StoreClosedException")
    void closeRacesWithReadersAndWriters() throws Exception {
        Database db = Stores.open(spec());
        for (int i = 0; i < 2000; i++) {
            db.put(new byte[] {(byte) (i >> 8), (byte) i}, new byte[64]);
        }
        int threads = 4;
        CountDownLatch busy = new CountDownLatch(threads * 50);
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int kind = t;
            Thread worker = new Thread(() -> {
                try {
                    while (true) {
                        switch (kind) {
                            case 0 -> db.get(new byte[] {1, 1});
                            case 1 -> {
                                try (Cursor cursor = db.cursor()) {
                                    for (int n = 0; n < 100 && cursor.next(); n++) {
                                        cursor.value();
                                    }
                                }
                            }
                            case 2 -> {
                                try (Batch batch = db.newBatch()) {
                                    batch.put(new byte[] {2, (byte) busy.getCount()}, new byte[32]);
                                    batch.delete(new byte[] {0, 1});
                                    batch.write();
                                }
                            }
                            default -> db.put(new byte[] {3}, new byte[16]);
                        }
                        busy.countDown();
                    }
                } catch (StoreClosedException expected) {
                    // the only way out
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        busy.await();
        db.close();
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(unexpected).isEmpty();
    }
}
