package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.record.Op;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link Batch} contract (geth's {@code ethdb.Batch}): invisible until written, atomic, ordered,
 * last write wins, size accounting, {@code write} does not clear, {@code reset} does, {@code replay}
 * hands the ops back in order, and lifecycle misuse.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newStoreSpec(java.nio.file.Path)}.
 */
public abstract class BatchTck extends StoreSuite {

    private static final byte[] K1 = Bytes.utf8("k1");
    private static final byte[] K2 = Bytes.utf8("k2");
    private static final byte[] V1 = Bytes.utf8("value-1");
    private static final byte[] V2 = Bytes.utf8("v2");

    @Test
    @DisplayName("B1: queued writes are seen neither by get nor by cursors until write() is called")
    void required_batchIsInvisibleUntilWrite() {
        Database db = openNewStore();
        db.put(K2, V2);
        try (Batch batch = db.newBatch()) {
            batch.put(K1, V1);
            batch.delete(K2);
            assertThat(db.get(K1)).isNull();
            assertThat(db.get(K2)).isEqualTo(V2);
            try (Cursor cursor = db.cursor()) {
                assertThat(KeyValue.drain(cursor)).containsExactly(new KeyValue(K2, V2));
            }
            batch.write();
            assertThat(db.get(K1)).isEqualTo(V1);
            assertThat(db.get(K2)).isNull();
        }
    }

    @Test
    @DisplayName("B1: write() applies every queued put and delete")
    void required_writeAppliesEveryOp() {
        Database db = openNewStore();
        db.put(Bytes.utf8("doomed"), V1);
        ReferenceModel expected = new ReferenceModel();
        try (Batch batch = db.newBatch()) {
            for (int i = 0; i < 5000; i++) {
                byte[] key = Bytes.ofLong(i * 7919L % 5000);
                byte[] value = Bytes.pattern(i % 100, i);
                batch.put(key, value);
                expected.put(key, value);
            }
            batch.delete(Bytes.utf8("doomed"));
            batch.write();
        }
        try (Cursor cursor = db.cursor()) {
            assertThat(KeyValue.drain(cursor)).containsExactlyElementsOf(expected.all());
        }
    }

    @Test
    @DisplayName("B4: valueSize() sums key and value lengths of puts and key lengths of deletes; count() counts ops")
    void required_valueSizeAndCountAccountForEveryOp() {
        Database db = openNewStore();
        try (Batch batch = db.newBatch()) {
            assertThat(batch.valueSize()).isZero();
            assertThat(batch.count()).isZero();
            batch.put(K1, V1);
            assertThat(batch.valueSize()).isEqualTo(K1.length + V1.length);
            batch.delete(K2);
            batch.put(K1, new byte[0]);
            assertThat(batch.valueSize()).isEqualTo(K1.length + V1.length + K2.length + K1.length);
            assertThat(batch.count()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("B3: write() does not clear the batch: writing it again applies the same ops again")
    void required_writeDoesNotClear() {
        Database db = openNewStore();
        try (Batch batch = db.newBatch()) {
            batch.put(K1, V1);
            batch.write();
            assertThat(batch.count()).isEqualTo(1);
            assertThat(batch.valueSize()).isEqualTo(K1.length + V1.length);
            db.delete(K1);
            batch.write();
            assertThat(db.get(K1)).isEqualTo(V1);
        }
    }

    @Test
    @DisplayName("B3: reset() drops every queued op: sizes are zero and a later write applies only newer ops")
    void required_resetClears() {
        Database db = openNewStore();
        try (Batch batch = db.newBatch()) {
            batch.put(K1, V1);
            batch.delete(K2);
            batch.reset();
            assertThat(batch.count()).isZero();
            assertThat(batch.valueSize()).isZero();
            batch.put(K2, V2);
            batch.write();
        }
        assertThat(db.get(K1)).isNull();
        assertThat(db.get(K2)).isEqualTo(V2);
    }

    @Test
    @DisplayName("B5: replay(writer) hands every queued op to the writer, in the order queued, without applying it")
    void required_replayHandsOpsInOrder() {
        Database db = openNewStore();
        List<Op> seen = new ArrayList<>();
        KeyValueWriter recorder = new KeyValueWriter() {
            @Override
            public void put(byte[] key, byte[] value) {
                seen.add(Op.put(key.clone(), value.clone()));
            }

            @Override
            public void delete(byte[] key) {
                seen.add(Op.delete(key.clone()));
            }
        };
        try (Batch batch = db.newBatch()) {
            batch.put(K2, V2);
            batch.delete(K1);
            batch.put(K1, V1);
            batch.put(K2, new byte[0]);
            batch.replay(recorder);
        }
        assertThat(seen).containsExactly(Op.put(K2, V2), Op.delete(K1), Op.put(K1, V1), Op.put(K2, new byte[0]));
        assertThat(db.get(K1)).isNull();
    }

    @Test
    @DisplayName("B5: replay of an empty batch calls the writer zero times")
    void required_replayOfEmptyBatchCallsNothing() {
        Database db = openNewStore();
        List<String> calls = new ArrayList<>();
        try (Batch batch = db.newBatch()) {
            batch.replay(new KeyValueWriter() {
                @Override
                public void put(byte[] key, byte[] value) {
                    calls.add("put");
                }

                @Override
                public void delete(byte[] key) {
                    calls.add("delete");
                }
            });
        }
        assertThat(calls).isEmpty();
    }

    @Test
    @DisplayName("B1: within one batch the last write to a key wins")
    void required_lastWriteWinsWithinABatch() {
        Database db = openNewStore();
        try (Batch batch = db.newBatch()) {
            batch.put(K1, Bytes.utf8("first"));
            batch.put(K1, Bytes.utf8("second"));
            batch.delete(K2);
            batch.put(K2, V2);
            batch.write();
        }
        assertThat(db.get(K1)).isEqualTo(Bytes.utf8("second"));
        assertThat(db.get(K2)).isEqualTo(V2);
    }

    @Test
    @DisplayName("B1: a put then a delete of one key in one batch leaves the key absent, also when it existed before")
    void required_putThenDeleteInABatchLeavesKeyAbsent() {
        Database db = openNewStore();
        db.put(K2, V2);
        try (Batch batch = db.newBatch()) {
            batch.put(K1, V1);
            batch.delete(K1);
            batch.put(K2, V1);
            batch.delete(K2);
            batch.write();
        }
        assertThat(db.has(K1)).isFalse();
        assertThat(db.has(K2)).isFalse();
    }

    @Test
    @DisplayName("B1: writing an empty batch changes nothing")
    void required_emptyBatchWriteIsANoOp() {
        Database db = openNewStore();
        db.put(K1, V1);
        try (Batch batch = db.newBatch()) {
            batch.write();
        }
        try (Cursor cursor = db.cursor()) {
            assertThat(KeyValue.drain(cursor)).containsExactly(new KeyValue(K1, V1));
        }
    }

    @Test
    @DisplayName("W3: changing the arrays passed to a batch after the call changes nothing it writes")
    void required_batchCopiesItsArguments() {
        Database db = openNewStore();
        byte[] key = K1.clone();
        byte[] value = V1.clone();
        try (Batch batch = db.newBatch()) {
            batch.put(key, value);
            key[0] = 'X';
            value[0] = 'X';
            batch.write();
        }
        assertThat(db.get(K1)).isEqualTo(V1);
    }

    @Test
    @DisplayName("B6: two batches of one store keep their own ops")
    void required_batchesAreIndependent() {
        Database db = openNewStore();
        try (Batch first = db.newBatch(); Batch second = db.newBatch()) {
            first.put(K1, V1);
            second.put(K2, V2);
            assertThat(second.count()).isEqualTo(1);
            second.write();
            assertThat(db.get(K1)).isNull();
            first.write();
        }
        assertThat(db.get(K1)).isEqualTo(V1);
        assertThat(db.get(K2)).isEqualTo(V2);
    }

    @Test
    @DisplayName("W5: a batch of puts of an empty value writes present keys")
    void required_batchWritesEmptyValues() {
        Database db = openNewStore();
        try (Batch batch = db.newBatch()) {
            batch.put(K1, new byte[0]);
            batch.write();
        }
        assertThat(db.get(K1)).isNotNull().isEmpty();
    }

    @Test
    @DisplayName("D6: a written batch survives closing and reopening the store")
    void optional_writtenBatchSurvivesReopen() {
        assumePersistent();
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        try (Batch batch = db.newBatch()) {
            batch.put(K1, V1);
            batch.put(K2, V2);
            batch.write();
        }
        db.close();
        Database again = open(spec, OpenMode.READ_WRITE);
        assertThat(again.get(K1)).isEqualTo(V1);
        assertThat(again.get(K2)).isEqualTo(V2);
    }

    @Test
    @DisplayName("W4: null keys and values are refused with NullPointerException")
    void required_nullKeysAndValuesAreRejected() {
        Database db = openNewStore();
        try (Batch batch = db.newBatch()) {
            assertThatThrownBy(() -> batch.put(null, V1)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> batch.put(K1, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> batch.delete(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    @DisplayName("B8: close is idempotent and leaves what was written in place")
    void required_closeIsIdempotent() {
        Database db = openNewStore();
        Batch batch = db.newBatch();
        batch.put(K1, V1);
        batch.write();
        batch.close();
        batch.close();
        assertThat(db.get(K1)).isEqualTo(V1);
    }

    @Test
    @DisplayName("B8: every call but close on a closed batch throws StoreClosedException")
    void required_useAfterCloseThrowsStoreClosedException() {
        Database db = openNewStore();
        Batch batch = db.newBatch();
        batch.put(K1, V1);
        batch.close();
        assertThatThrownBy(() -> batch.put(K2, V2)).as("put").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> batch.delete(K2)).as("delete").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(batch::write).as("write").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(batch::reset).as("reset").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(batch::valueSize).as("valueSize").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(batch::count).as("count").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> batch.replay(db)).as("replay").isInstanceOf(StoreClosedException.class);
        assertThat(db.get(K1)).as("a closed batch wrote").isNull();
    }

    @Test
    @DisplayName("B8: writing a batch whose store was closed throws StoreClosedException and writes nothing")
    void required_batchOfAClosedStoreFailsClearly() {
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        Batch batch = db.newBatch();
        batch.put(K1, V1);
        db.close();
        assertThatThrownBy(batch::write).isInstanceOf(StoreClosedException.class);
        batch.close();
        if (capabilities().persistent()) {
            Database again = open(spec, OpenMode.READ_WRITE);
            assertThat(again.get(K1)).isNull();
        }
    }
}
