package org.ethercattle.store.leveldb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Checkpointable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy-by-iteration checkpoint: exact snapshot, whole batches only, no leftovers on failure. */
class LevelDbCheckpointTest {

    private static final int FILL_MIB = 6;
    private static final byte[] COUNT = "count".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Database open(Path path) {
        return Stores.open("leveldb:" + path + "?writeBufferSize=1m");
    }

    private static byte[] key(String side, int i) {
        return (side + i).getBytes(StandardCharsets.US_ASCII);
    }

    /** Fills the store with about {@code mebibytes} MiB of 1 KiB values so the copy spans several batches. */
    private static void fill(Database db, int mebibytes) {
        byte[] value = new byte[1024];
        try (Batch batch = db.newBatch()) {
            for (int i = 0; i < mebibytes * 1024; i++) {
                ByteBuffer.wrap(value).putInt(i);
                batch.put(key("fill", i), value);
                if (batch.valueSize() > (1 << 20)) {
                    batch.write();
                    batch.reset();
                }
            }
            batch.write();
        }
    }

    @Test
    @DisplayName("a checkpoint of a quiet store equals it key by key and opens as a normal leveldb store")
    void copyEqualsSource() {
        Path target = dir.resolve("copy");
        try (Database db = open(dir.resolve("db"))) {
            fill(db, 10);
            db.put(new byte[0], new byte[0]);
            db.put(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFF});
            ((Checkpointable) db).checkpoint(target);
            try (Database copy = Stores.open("leveldb:" + target); Cursor a = db.cursor(); Cursor b = copy.cursor()) {
                long entries = 0;
                while (a.next()) {
                    assertThat(b.next()).isTrue();
                    assertThat(b.key()).isEqualTo(a.key());
                    assertThat(Arrays.equals(b.value(), a.value())).isTrue();
                    entries++;
                }
                assertThat(b.next()).isFalse();
                assertThat(entries).isEqualTo(10 * 1024 + 2);
            }
        }
    }

    @Test
    @DisplayName("a checkpoint taken while batches land holds exactly a prefix of them, never part of one")
    void checkpointWhileWriting() throws Exception {
        Path target = dir.resolve("copy");
        int lastInCopy;
        int written;
        try (Database db = open(dir.resolve("db"))) {
            fill(db, FILL_MIB);
            CountDownLatch warmedUp = new CountDownLatch(200);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            int[] done = {0};
            Thread writer = new Thread(() -> {
                byte[] value = new byte[200];
                try (Batch batch = db.newBatch()) {
                    for (int i = 0; !stop.get(); i++) {
                        batch.reset();
                        batch.put(key("a", i), value);
                        batch.put(key("b", i), value);
                        batch.delete(key("fill", i));
                        batch.put(COUNT, ByteBuffer.allocate(4).putInt(i).array());
                        batch.write();
                        done[0] = i + 1;
                        warmedUp.countDown();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            writer.start();
            warmedUp.await();
            ((Checkpointable) db).checkpoint(target);
            stop.set(true);
            writer.join();
            assertThat(failure.get()).isNull();
            written = done[0];
        }
        try (Database copy = Stores.open("leveldb:" + target)) {
            lastInCopy = ByteBuffer.wrap(copy.get(COUNT)).getInt();
            System.out.printf("checkpoint holds batches 0..%d of %d written%n", lastInCopy, written);
            assertThat(lastInCopy).isBetween(199, written - 1);
            for (int i = 0; i < written; i++) {
                boolean expected = i <= lastInCopy;
                assertThat(copy.has(key("a", i))).as("a%d with count %d", i, lastInCopy).isEqualTo(expected);
                assertThat(copy.has(key("b", i))).as("b%d with count %d", i, lastInCopy).isEqualTo(expected);
                if (i < FILL_MIB * 1024) {
                    assertThat(copy.has(key("fill", i))).as("fill%d with count %d", i, lastInCopy)
                            .isEqualTo(!expected);
                }
            }
        }
    }

    @Test
    @DisplayName("a checkpoint never overwrites: an existing target is refused and left alone")
    void existingTarget() throws Exception {
        Path target = Files.createDirectory(dir.resolve("copy"));
        Files.writeString(target.resolve("keep"), "mine");
        try (Database db = open(dir.resolve("db"))) {
            db.put(COUNT, COUNT);
            assertThatThrownBy(() -> ((Checkpointable) db).checkpoint(target))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining(target.toString())
                    .hasMessageContaining("already exists");
            assertThatThrownBy(() -> ((Checkpointable) db).checkpoint(dir.resolve("no/parent/copy")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("parent");
        }
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("mine");
    }

    @Test
    @DisplayName("a checkpoint that would leave less than minFreeSpace on the target's disk is refused up front")
    void targetDiskTooSmall() {
        Path target = dir.resolve("copy");
        try (Database db = open(dir.resolve("db"))) {
            fill(db, 1);
        }
        try (Database db = Stores.open("leveldb:" + dir.resolve("db") + "?minFreeSpace=1p")) {
            assertThatThrownBy(() -> ((Checkpointable) db).checkpoint(target))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("checkpoint target " + target + " has only")
                    .hasMessageContaining("choose a target on another disk");
        }
        assertThat(target).doesNotExist();
    }

    @Test
    @DisplayName("a checkpoint that fails midway (here: interrupted) removes its partial copy")
    void failedCopyIsRemoved() {
        Path target = dir.resolve("copy");
        try (Database db = open(dir.resolve("db"))) {
            fill(db, 10);
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> ((Checkpointable) db).checkpoint(target))
                        .isInstanceOf(StoreException.class)
                        .hasMessageContaining("interrupted");
            } finally {
                Thread.interrupted();
            }
            assertThat(target).doesNotExist();
            ((Checkpointable) db).checkpoint(target);
        }
        assertThat(target.resolve("CURRENT")).exists();
    }
}
