package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.tck.StoreHolder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer process per LMDB store: the {@code cattle.lock} a read-write open holds. */
class LmdbWriterLockTest {

    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private String spec() {
        return "lmdb:" + dir.resolve("db");
    }

    private Path store() throws Exception {
        return dir.resolve("db").toRealPath();
    }

    @Test
    @DisplayName("while another process holds the store read-write, a read-write open fails naming the directory"
            + " and the fix; a read-only open still reads; after that process exits the open succeeds")
    void secondWriterProcessIsRefused() throws Exception {
        try (Database db = Stores.open(spec())) {
            db.put(KEY, KEY);
        }
        try (StoreHolder holder = StoreHolder.start(spec())) {
            assertThatThrownBy(() -> Stores.open(spec()))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("lmdb store at " + store() + " is in use by another process (its cattle.lock is"
                            + " held); stop that process or use another directory");
            try (Database reader = Stores.open(spec(), OpenMode.READ_ONLY)) {
                assertThat(reader.get(KEY)).isEqualTo(KEY);
            }
        }
        try (Database db = Stores.open(spec())) {
            assertThat(db.get(KEY)).isEqualTo(KEY);
            db.put(KEY, new byte[] {2});
        }
    }

    @Test
    @DisplayName("the lock is released on close, and a refused open leaves the holder's store working")
    void lockIsReleasedOnClose() throws Exception {
        Database first = Stores.open(spec());
        assertThatThrownBy(() -> Stores.open(spec())).isInstanceOf(StoreException.class)
                .hasMessageContaining("already open in this JVM");
        first.put(KEY, KEY);
        first.close();
        try (Database second = Stores.open(spec())) {
            assertThat(second.get(KEY)).isEqualTo(KEY);
        }
    }

    @Test
    @DisplayName("a lock already held in this JVM is reported as a second open here, not as another process")
    void lockHeldInThisJvm() throws Exception {
        try (Database db = Stores.open(spec())) {
            db.put(KEY, KEY);
        }
        try (WriterLock held = WriterLock.acquire(store())) {
            assertThatThrownBy(() -> WriterLock.acquire(store()))
                    .isInstanceOf(StoreException.class)
                    .hasMessage("lmdb store at " + store() + " is already open in this JVM (its cattle.lock is"
                            + " held); share the open Database instead of opening it again");
        }
        WriterLock.acquire(store()).close();
    }
}
