package org.ethercattle.store.layered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.Stores;
import org.ethercattle.core.ForwardingDatabase;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk-load hint reaches the top layer, where every write goes, and never the bottom; the store's
 * gauges are the top's.
 */
class LayeredBulkLoadTest {

    @Test
    @DisplayName("beginBulkLoad and endBulkLoad go to the top layer only")
    void theHintGoesToTheTop() {
        Recording top = new Recording(MemoryDatabase.open());
        Recording bottom = new Recording(MemoryDatabase.open());
        LayeredDatabase layered = new LayeredDatabase(top, bottom);
        layered.beginBulkLoad();
        layered.endBulkLoad();
        assertThat(top.hints).containsExactly("begin", "end");
        assertThat(bottom.hints).isEmpty();
        layered.close();
        assertThatThrownBy(layered::beginBulkLoad).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(layered::endBulkLoad).isInstanceOf(StoreClosedException.class);
    }

    @Test
    @DisplayName("over a top without the capability the hint does nothing")
    void aTopWithoutTheCapabilityIgnoresIt() {
        try (LayeredDatabase layered = new LayeredDatabase(MemoryDatabase.open(), MemoryDatabase.open())) {
            layered.beginBulkLoad();
            layered.put(new byte[] {1}, new byte[] {2});
            layered.endBulkLoad();
            assertThat(layered.get(new byte[] {1})).containsExactly(2);
        }
    }

    @Test
    @DisplayName("a layered store offers its top layer's gauges; over a top without gauges it offers none")
    void gaugesAreTheTopLayers(@TempDir Path dir) {
        try (LayeredDatabase layered = new LayeredDatabase(Stores.open("rocksdb:" + dir.resolve("top")),
                MemoryDatabase.open())) {
            assertThat(layered.gaugeNames()).contains("rocksdb.level0.files", "rocksdb.compaction.paused");
            assertThat(layered.gauge("rocksdb.level0.files")).isZero();
            layered.beginBulkLoad();
            assertThat(layered.gauge("rocksdb.compaction.paused")).isEqualTo(1.0);
            assertThat(layered.deferredUpkeepPending()).as("the top's").isTrue();
            layered.endBulkLoad();
            assertThat(layered.gauge("rocksdb.compaction.paused")).isZero();
            assertThat(layered.deferredUpkeepPending()).isFalse();
        }
        Recording plain = new Recording(MemoryDatabase.open());
        try (LayeredDatabase layered = new LayeredDatabase(plain, MemoryDatabase.open())) {
            assertThat(layered.gaugeNames()).isEmpty();
            assertThat(plain.gaugeNames()).as("a forwarding store over one without gauges").isEmpty();
            assertThatThrownBy(() -> layered.gauge("rocksdb.level0.files"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offers none");
        }
    }

    /** A memory store that records the hints it is given. */
    private static final class Recording extends ForwardingDatabase {
        final List<String> hints = new ArrayList<>();

        Recording(Database store) {
            super(store);
        }

        @Override
        public void beginBulkLoad() {
            hints.add("begin");
        }

        @Override
        public void endBulkLoad() {
            hints.add("end");
        }
    }
}
