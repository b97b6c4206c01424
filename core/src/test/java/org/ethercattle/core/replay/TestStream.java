package org.ethercattle.core.replay;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.codec.NativeCodec;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;

/** A fresh in-memory stream for one test, with helpers to write to it as a master would. */
final class TestStream implements AutoCloseable {

    static final NativeCodec CODEC = new NativeCodec();

    final String name = "replay-test-" + UUID.randomUUID();
    final MemoryLog log;

    TestStream() {
        this(MemoryLog.DEFAULT_MAX_MESSAGE_BYTES);
    }

    TestStream(int maxMessageBytes) {
        log = MemoryLog.open(name, maxMessageBytes, null);
    }

    /** A master writing into a fresh private memory store and this stream. */
    CapturingDatabase newMaster() {
        return new CapturingDatabase(MemoryDatabase.open(), log.newProducer(), CODEC);
    }

    /** A replayer builder over a new consumer of this stream, with no head guard and short polls. */
    Replayer.Builder replayer(Database store) {
        return Replayer.builder(store, log.newConsumer())
                .codec(CODEC)
                .headGuard(org.ethercattle.api.replay.HeadGuard.none())
                .pollTimeout(java.time.Duration.ofMillis(5));
    }

    /** Appends {@code record} encoded natively, bypassing any master; returns its last message's position. */
    Position appendRecord(ChangeRecord record) {
        Position last = null;
        for (byte[] message : CODEC.encode(record, log.maxMessageBytes())) {
            last = appendRaw(message);
        }
        return last;
    }

    Position appendRaw(byte[] message) {
        try (var producer = log.newProducer()) {
            return producer.append(message).join();
        }
    }

    /**
     * Writes {@code records} records of a seeded random workload: single puts and deletes and batches
     * of up to 20 ops over a small key space, so that overwrites and deletes matter.
     */
    static void writeWorkload(Database master, long seed, int records) {
        Random random = new Random(seed);
        for (int i = 0; i < records; i++) {
            int shape = random.nextInt(10);
            if (shape < 4) {
                master.put(key(random.nextInt(200)), value(random, 1 + random.nextInt(100)));
            } else if (shape < 5) {
                master.delete(key(random.nextInt(200)));
            } else {
                try (Batch batch = master.newBatch()) {
                    int ops = 1 + random.nextInt(20);
                    for (int j = 0; j < ops; j++) {
                        if (random.nextInt(5) == 0) {
                            batch.delete(key(random.nextInt(200)));
                        } else {
                            batch.put(key(random.nextInt(200)), value(random, random.nextInt(300)));
                        }
                    }
                    batch.write();
                }
            }
        }
    }

    static byte[] key(int n) {
        return ("key-" + n).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(Random random, int length) {
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }

    static ChangeRecord put(UUID producer, long sequence, String key, String value) {
        return ChangeRecord.batch(producer, sequence, System.currentTimeMillis(), List.of(Op.put(bytes(key), bytes(value))));
    }

    @Override
    public void close() {
        MemoryLog.discard(name);
    }
}
