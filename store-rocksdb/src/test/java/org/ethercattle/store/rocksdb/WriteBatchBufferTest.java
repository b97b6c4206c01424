package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.KeyValueWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

class WriteBatchBufferTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    @DisplayName("the serialized bytes equal those of a native WriteBatch holding the same operations")
    void serializedBytesMatchNativeWriteBatch() throws RocksDBException {
        byte[] longKey = pattern(300);      // a two-byte varint length
        byte[] longValue = pattern(70_000); // a three-byte varint length
        WriteBatchBuffer buffer = new WriteBatchBuffer();
        try (WriteBatch expected = new WriteBatch()) {
            buffer.put(utf8("k"), utf8("v"));
            expected.put(utf8("k"), utf8("v"));
            buffer.put(new byte[0], new byte[0]);
            expected.put(new byte[0], new byte[0]);
            buffer.delete(new byte[] {0x00, (byte) 0xFF});
            expected.delete(new byte[] {0x00, (byte) 0xFF});
            buffer.put(longKey, longValue);
            expected.put(longKey, longValue);
            buffer.delete(new byte[0]);
            expected.delete(new byte[0]);

            assertThat(buffer.serialized()).isEqualTo(expected.data());
            assertThat(buffer.count()).isEqualTo(expected.count()).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("RocksDB reads the serialized bytes back as the same operations in order")
    void nativeWriteBatchParsesTheSerializedBytes() throws RocksDBException {
        WriteBatchBuffer buffer = new WriteBatchBuffer();
        buffer.put(utf8("a"), utf8("1"));
        buffer.delete(utf8("b"));
        buffer.put(utf8("c"), pattern(1000));
        try (WriteBatch parsed = new WriteBatch(buffer.serialized())) {
            assertThat(parsed.count()).isEqualTo(3);
            WriteBatchBuffer again = new WriteBatchBuffer();
            again.put(utf8("a"), utf8("1"));
            again.delete(utf8("b"));
            again.put(utf8("c"), pattern(1000));
            assertThat(parsed.data()).isEqualTo(again.serialized());
        }
    }

    @Test
    @DisplayName("replay hands every operation, in order, as copies; a batch replayed into itself doubles once")
    void replayInOrder() {
        WriteBatchBuffer buffer = new WriteBatchBuffer();
        buffer.put(utf8("x"), utf8("1"));
        buffer.delete(utf8("y"));
        buffer.put(utf8("x"), pattern(200));
        List<String> seen = new ArrayList<>();
        buffer.replay(new KeyValueWriter() {
            @Override
            public void put(byte[] key, byte[] value) {
                seen.add("put " + new String(key, StandardCharsets.UTF_8) + " " + value.length);
            }

            @Override
            public void delete(byte[] key) {
                seen.add("delete " + new String(key, StandardCharsets.UTF_8));
            }
        });
        assertThat(seen).containsExactly("put x 1", "delete y", "put x 200");

        buffer.replay(new KeyValueWriter() {
            @Override
            public void put(byte[] key, byte[] value) {
                buffer.put(key, value);
            }

            @Override
            public void delete(byte[] key) {
                buffer.delete(key);
            }
        });
        assertThat(buffer.count()).isEqualTo(6);
    }

    @Test
    @DisplayName("valueSize counts keys and values put and keys deleted; reset empties the batch")
    void sizesAndReset() {
        WriteBatchBuffer buffer = new WriteBatchBuffer();
        buffer.put(utf8("ab"), utf8("cde"));
        buffer.delete(utf8("fgh"));
        assertThat(buffer.valueSize()).isEqualTo(8);
        assertThat(buffer.count()).isEqualTo(2);
        buffer.reset();
        assertThat(buffer.valueSize()).isZero();
        assertThat(buffer.count()).isZero();
        assertThat(buffer.serialized()).hasSize(12);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
