package org.ethercattle.store.layered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.core.ForwardingDatabase;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bulk-load hint reaches the top layer, where every write goes, and never the bottom. */
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
