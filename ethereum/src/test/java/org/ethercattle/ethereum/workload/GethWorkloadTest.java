package org.ethercattle.ethereum.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.api.record.Op;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GethWorkloadTest {

    private static final int BLOCKS = 200;

    @Test
    @DisplayName("the same seed produces the same blocks, op for op")
    void sameSeedSameBlocks() {
        GethWorkload a = new GethWorkload(42);
        GethWorkload b = new GethWorkload(42);
        for (int i = 0; i < 50; i++) {
            assertThat(a.nextBlock()).isEqualTo(b.nextBlock());
        }
    }

    @Test
    @DisplayName("different seeds produce different blocks")
    void differentSeedsDiffer() {
        GethBlock a = new GethWorkload(1).nextBlock();
        GethBlock b = new GethWorkload(2).nextBlock();
        assertThat(a.hash()).isNotEqualTo(b.hash());
        assertThat(a.ops()).isNotEqualTo(b.ops());
    }

    @Test
    @DisplayName("a generator started at block n continues where another left off")
    void resumesAtAnyBlock() {
        GethWorkload fromZero = new GethWorkload(7);
        for (int i = 0; i < 40; i++) {
            fromZero.nextBlock();
        }
        GethWorkload fromForty = new GethWorkload(7, 40);
        assertThat(fromForty.nextBlockNumber()).isEqualTo(40);
        assertThat(fromForty.nextBlock()).isEqualTo(fromZero.nextBlock());
        assertThat(fromZero.block(3)).isEqualTo(new GethWorkload(7).block(3));
        assertThat(fromZero.nextBlockNumber()).isEqualTo(41);
    }

    @Test
    @DisplayName("blocks are ~100 KiB, dominated by 32-byte hash keys with ~80-byte values")
    void batchShape() {
        GethWorkload workload = new GethWorkload(3);
        long totalBytes = 0;
        long ops = 0;
        long hashKeyOps = 0;
        long hashKeyPuts = 0;
        long hashKeyValueBytes = 0;
        for (int n = 0; n < BLOCKS; n++) {
            GethBlock block = workload.nextBlock();
            assertThat(block.number()).isEqualTo(n);
            assertThat(block.byteSize()).as("bytes of %s", block).isBetween(70L * 1024, 140L * 1024);
            totalBytes += block.byteSize();
            for (Op op : block.ops()) {
                ops++;
                if (op.key().length == GethKeys.HASH_LENGTH) {
                    hashKeyOps++;
                    if (op.type() == Op.Type.PUT) {
                        hashKeyPuts++;
                        hashKeyValueBytes += op.value().length;
                    }
                }
            }
        }
        assertThat(totalBytes / BLOCKS).as("mean block bytes").isBetween(90L * 1024, 115L * 1024);
        assertThat((double) hashKeyOps / ops).as("share of 32-byte keys").isGreaterThan(0.8);
        assertThat((double) hashKeyValueBytes / hashKeyPuts).as("mean trie node value").isBetween(70.0, 90.0);
    }

    @Test
    @DisplayName("each block writes header, canonical hash, number, body, receipts and head markers with geth's keys")
    void chainDataFollowsGethSchema() {
        GethWorkload workload = new GethWorkload(11);
        long codeBlocks = 0;
        for (int n = 0; n < BLOCKS; n++) {
            GethBlock block = workload.nextBlock();
            byte[] hash = block.hash();
            assertThat(hash).hasSize(32).isEqualTo(workload.blockHash(n));
            Map<ByteBuffer, byte[]> puts = puts(block.ops());
            assertThat(puts.get(key(GethKeys.header(n, hash)))).hasSizeBetween(500, 800);
            assertThat(puts.get(key(GethKeys.canonicalHash(n)))).isEqualTo(hash);
            assertThat(puts.get(key(GethKeys.headerNumber(hash)))).isEqualTo(GethKeys.encodeNumber(n));
            assertThat(puts.get(key(GethKeys.body(n, hash)))).hasSizeBetween(1024, 3072);
            assertThat(puts.get(key(GethKeys.receipts(n, hash)))).hasSizeBetween(700, 1900);
            for (String marker : List.of(GethKeys.LAST_HEADER, GethKeys.LAST_BLOCK, GethKeys.LAST_FAST)) {
                assertThat(puts.get(key(GethKeys.headMarker(marker)))).as(marker).isEqualTo(hash);
            }
            List<Op> last = block.ops().subList(block.ops().size() - 3, block.ops().size());
            assertThat(last).as("head markers come last").allMatch(op -> op.key().length < 11);
            if (block.ops().stream().anyMatch(op -> op.key()[0] == 'c' && op.key().length == 33
                    && op.value().length >= 2048)) {
                codeBlocks++;
            }
        }
        assertThat(codeBlocks).as("blocks with contract code").isBetween(BLOCKS / 6L, BLOCKS / 2L);
    }

    @Test
    @DisplayName("the key encodings match geth's schema byte for byte")
    void keyEncodings() {
        byte[] hash = new byte[32];
        hash[0] = (byte) 0xAB;
        assertThat(GethKeys.canonicalHash(0x0102)).containsExactly('h', 0, 0, 0, 0, 0, 0, 1, 2, 'n');
        assertThat(GethKeys.header(1, hash)).hasSize(41).startsWith('h', 0, 0, 0, 0, 0, 0, 0, 1, 0xAB);
        assertThat(GethKeys.body(1, hash)).startsWith('b');
        assertThat(GethKeys.receipts(1, hash)).startsWith('r');
        assertThat(GethKeys.headerNumber(hash)).hasSize(33).startsWith('H', 0xAB);
        assertThat(GethKeys.code(hash)).hasSize(33).startsWith('c', 0xAB);
        assertThat(GethKeys.encodeNumber(-1L)).containsOnly(0xFF);
    }

    @Test
    @DisplayName("deletes prune trie nodes that earlier blocks put, and happen in every block after the prune depth")
    void deletesHitExistingKeys() {
        GethWorkload workload = new GethWorkload(5);
        Map<ByteBuffer, byte[]> keyspace = new HashMap<>();
        long deletes = 0;
        for (int n = 0; n < GethWorkload.PRUNE_DEPTH + 60; n++) {
            GethBlock block = workload.nextBlock();
            if (n > GethWorkload.PRUNE_DEPTH) {
                assertThat(block.deleteCount()).as("deletes in %s", block).isGreaterThan(50);
            }
            for (Op op : block.ops()) {
                if (op.type() == Op.Type.PUT) {
                    keyspace.put(key(op.key()), op.value());
                } else {
                    assertThat(keyspace.remove(key(op.key()))).as("value deleted by %s in %s", op, block).isNotNull();
                    deletes++;
                }
            }
        }
        assertThat(deletes).isGreaterThan(60L * 50);
    }

    @Test
    @DisplayName("snapshot accounts are overwritten with new values across blocks")
    void accountsAreOverwritten() {
        GethWorkload workload = new GethWorkload(9);
        Map<ByteBuffer, byte[]> accounts = new HashMap<>();
        int overwrites = 0;
        for (int n = 0; n < 1000; n++) {
            for (Op op : workload.nextBlock().ops()) {
                if (op.key().length == 33 && op.key()[0] == 'a' && accounts.put(key(op.key()), op.value()) != null) {
                    overwrites++;
                }
            }
        }
        assertThat(overwrites).isPositive();
    }

    @Test
    @DisplayName("writeNextBlock applies the block's ops in order as one batch")
    void writesBlocksIntoADatabase() {
        GethWorkload workload = new GethWorkload(13);
        try (Database db = Stores.open("memory:geth-workload-test-" + System.nanoTime())) {
            GethBlock first = workload.writeNextBlock(db);
            GethBlock second = workload.writeNextBlock(db);
            assertThat(workload.nextBlockNumber()).isEqualTo(2);
            assertThat(db.get(GethKeys.headMarker(GethKeys.LAST_BLOCK))).isEqualTo(second.hash());
            assertThat(db.get(GethKeys.canonicalHash(0))).isEqualTo(first.hash());
            assertThat(db.get(GethKeys.header(1, second.hash()))).isNotNull();
            for (GethBlock block : List.of(first, second)) {
                Op transientPut = block.ops().stream().filter(op -> op.type() == Op.Type.DELETE).findFirst().orElseThrow();
                assertThat(db.has(transientPut.key())).as("node put and deleted in one batch").isFalse();
            }
            long puts = 0;
            try (Cursor cursor = db.cursor()) {
                while (cursor.next()) {
                    puts++;
                }
            }
            // every distinct key put by the two blocks, less the two transient nodes
            assertThat(puts).isEqualTo(distinctPutKeys(first, second) - 2);
        }
    }

    private static long distinctPutKeys(GethBlock... blocks) {
        Map<ByteBuffer, byte[]> keys = new HashMap<>();
        for (GethBlock block : blocks) {
            keys.putAll(puts(block.ops()));
        }
        return keys.size();
    }

    private static Map<ByteBuffer, byte[]> puts(List<Op> ops) {
        Map<ByteBuffer, byte[]> puts = new HashMap<>();
        for (Op op : ops) {
            if (op.type() == Op.Type.PUT) {
                puts.put(key(op.key()), op.value());
            }
        }
        return puts;
    }

    private static ByteBuffer key(byte[] key) {
        return ByteBuffer.wrap(key);
    }
}
