package org.ethercattle.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Runs every benchmark body a couple of times with tiny parameters, outside JMH, so that the benchmarks
 * cannot rot between benchmark runs. No timing is asserted: only that each one does the work it claims
 * (counts ops and bytes) and cleans up.
 */
class BenchmarkSmokeTest {

    private static final int POOL = 12;
    private static final long BATCH = 256 << 10;
    private static final String[] STORES = {"rocksdb:{dir}?wal=false", "leveldb:{dir}", "lmdb:{dir}?mapSize=64m", "memory:"};

    private static Blackhole blackhole() {
        return new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }

    private static WriteCounters counters() {
        WriteCounters counters = new WriteCounters();
        counters.start();
        return counters;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rocksdb:{dir}?wal=false", "leveldb:{dir}", "lmdb:{dir}?mapSize=64m", "memory:"})
    @DisplayName("the store ceiling writes whole group-commit batches into every bundled store")
    void storeWrite(String store) {
        StoreWriteBenchmark b = new StoreWriteBenchmark();
        b.store = store;
        b.poolBlocks = POOL;
        b.batchBytes = BATCH;
        b.open();
        WriteCounters c = counters();
        try {
            b.groupCommit(c);
            b.groupCommit(c);
        } finally {
            b.close();
        }
        c.stop();
        assertThat(c.ops).isGreaterThan(2 * 1000);
        assertThat(c.bytes).isGreaterThanOrEqualTo(2 * BATCH);
    }

    @Test
    @DisplayName("the raw rocksdbjni ceiling writes batches, sorted and unsorted")
    void rawRocksDb() throws Exception {
        for (boolean sorted : new boolean[] {false, true}) {
            RawRocksDbWriteBenchmark b = new RawRocksDbWriteBenchmark();
            b.poolBlocks = POOL;
            b.batchBytes = BATCH;
            b.sorted = sorted;
            b.open();
            WriteCounters c = counters();
            try {
                b.groupCommit(c);
            } finally {
                b.close();
            }
            assertThat(c.ops).isGreaterThan(1000);
        }
    }

    @Test
    @DisplayName("the replay apply path commits group batches from pre-decoded records and from cattle messages")
    void replayApply() {
        for (String store : STORES) {
            for (String input : new String[] {"predecoded", "cattle"}) {
                ReplayApplyBenchmark b = new ReplayApplyBenchmark();
                b.store = store;
                b.input = input;
                b.poolBlocks = POOL;
                b.batchBytes = BATCH;
                b.open();
                WriteCounters c = counters();
                try {
                    // More steps than the pool has blocks: the second pass must not be taken for duplicates.
                    for (int i = 0; i < 8; i++) {
                        b.step(c);
                    }
                } finally {
                    b.close();
                }
                assertThat(c.ops).as("%s from %s", store, input).isGreaterThan(8 * 1000);
            }
        }
    }

    @Test
    @DisplayName("the codec benchmark encodes and decodes blocks")
    void codec() {
        CodecBenchmark b = new CodecBenchmark();
        b.codec = "cattle";
        b.poolBlocks = POOL;
        b.open();
        WriteCounters encoded = counters();
        WriteCounters decoded = counters();
        for (int i = 0; i < POOL + 2; i++) {
            b.encode(encoded, blackhole());
            b.decode(decoded, blackhole());
        }
        assertThat(encoded.ops).isEqualTo(decoded.ops).isGreaterThan(POOL * 600L);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "memory:capture?retainEntries=4", "file:{dir}?maxMessageBytes=1m"})
    @DisplayName("the capture benchmark writes blocks through CapturingDatabase, or bare")
    void capture(String log) {
        CaptureBenchmark b = new CaptureBenchmark();
        b.store = "rocksdb:{dir}";
        b.log = log;
        b.poolBlocks = POOL;
        b.open();
        WriteCounters c = counters();
        try {
            for (int i = 0; i < 3; i++) {
                b.writeBlock(c);
            }
        } finally {
            b.close();
        }
        assertThat(c.ops).isGreaterThan(3 * 600L);
    }

    @Test
    @DisplayName("the end-to-end benchmark replays the whole pre-filled file log into a cold store, without and with read-ahead")
    void endToEnd() {
        EndToEndReplayBenchmark b = new EndToEndReplayBenchmark();
        b.log = "file:{dir}";
        b.store = "rocksdb:{dir}?wal=false";
        b.blocks = 6;
        b.fill();
        long expected = 0;
        for (int i = 0; i < b.blocks; i++) {
            expected += new org.ethercattle.ethereum.workload.GethWorkload(BlockPool.SEED).block(i).ops().size();
        }
        try {
            for (long readAhead : new long[] {0, 32L << 20}) {
                b.readAheadBytes = readAhead;
                WriteCounters c = counters();
                b.openReplica();
                try {
                    b.coldCatchUp(c);
                } finally {
                    b.closeReplica();
                }
                // The head guard drops nothing here (every block has a new hash), so every op is applied.
                assertThat(c.ops).isEqualTo(expected);
            }
        } finally {
            b.dropLog();
        }
    }
}
