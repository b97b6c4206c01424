package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints are compacted copies holding a whole prefix of the committed batches. */
class LmdbCheckpointTest {

    private static final byte[] COUNTER = {'n'};

    @TempDir
    Path dir;

    private static byte[] intBytes(int n) {
        return ByteBuffer.allocate(4).putInt(n).array();
    }

    @Test
    @DisplayName("a checkpoint taken while a writer commits batches holds exactly the batches before some point")
    void checkpointWhileWriting() throws Exception {
        try (Database db = Stores.open("lmdb:" + dir.resolve("db") + "?mapSize=64k")) {
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                while (!stop.get() || n < 50) {
                    // Batch n writes 20 keys "k<n>:<i>" and the counter n, together.
                    try (Batch batch = db.newBatch()) {
                        for (int i = 0; i < 20; i++) {
                            batch.put(("k" + n + ":" + i).getBytes(), new byte[200]);
                        }
                        batch.put(COUNTER, intBytes(n));
                        batch.write();
                    }
                    n++;
                }
                return n;
            });
            while (!db.has(COUNTER) && !writer.isDone()) {
                Thread.onSpinWait(); // take the copies while batches are being committed
            }
            Path[] copies = new Path[5];
            for (int i = 0; i < copies.length; i++) {
                copies[i] = dir.resolve("copy" + i);
                ((Checkpointable) db).checkpoint(copies[i]);
            }
            stop.set(true);
            int batches = writer.get();
            for (Path copy : copies) {
                try (Database snapshot = Stores.open("lmdb:" + copy)) {
                    byte[] counter = snapshot.get(COUNTER);
                    int last = counter == null ? -1 : ByteBuffer.wrap(counter).getInt();
                    assertThat(last).isLessThan(batches);
                    for (int n = 0; n <= last + 1; n++) {
                        for (int i = 0; i < 20; i++) {
                            assertThat(snapshot.has(("k" + n + ":" + i).getBytes()))
                                    .as("copy %s, batch %d, key %d (counter %d)", copy, n, i, last)
                                    .isEqualTo(n <= last);
                        }
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("a checkpoint into an existing path fails and touches nothing there")
    void existingTarget() throws Exception {
        Path target = Files.createDirectory(dir.resolve("exists"));
        Files.writeString(target.resolve("keep"), "x");
        try (Database db = Stores.open("lmdb:" + dir.resolve("db"))) {
            assertThatThrownBy(() -> ((Checkpointable) db).checkpoint(target))
                    .isInstanceOf(StoreException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> ((Checkpointable) db).checkpoint(dir.resolve("no/such/parent")))
                    .isInstanceOf(StoreException.class).hasMessageContaining("parent");
        }
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("x");
    }

    @Test
    @DisplayName("the copy opens read-only too, with the same data")
    void copyOpensReadOnly() {
        try (Database db = Stores.open("lmdb:" + dir.resolve("db"))) {
            db.put("k".getBytes(), "v".getBytes());
            ((Checkpointable) db).checkpoint(dir.resolve("copy"));
        }
        try (Database copy = Stores.open("lmdb:" + dir.resolve("copy"),
                org.ethercattle.api.spi.OpenMode.READ_ONLY)) {
            assertThat(copy.get("k".getBytes())).isEqualTo("v".getBytes());
        }
    }
}
