package org.ethercattle.core.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.RecordDecoder;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.codec.NativeCodec;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.ethercattle.core.replay.Replayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CapturingDatabaseTest {

    private static final NativeCodec CODEC = new NativeCodec();

    private final String name = "capture-test-" + UUID.randomUUID();
    private final MemoryLog log = MemoryLog.open(name);

    @AfterEach
    void discardLog() {
        MemoryLog.discard(name);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every record in the log, decoded. */
    private List<ChangeRecord> records() {
        List<ChangeRecord> records = new ArrayList<>();
        try (LogConsumer consumer = log.newConsumer()) {
            RecordDecoder decoder = CODEC.newDecoder(null, 1 << 20);
            List<LogEntry> entries;
            while (!(entries = consumer.poll(Duration.ZERO)).isEmpty()) {
                for (LogEntry entry : entries) {
                    records.addAll(decoder.decode(entry));
                }
            }
        }
        return records;
    }

    /** A real memory-log producer whose appends go through {@code onAppend} first. */
    private LogProducer producer(Function<byte[], CompletableFuture<Position>> onAppend) {
        LogProducer real = log.newProducer();
        return new LogProducer() {
            @Override
            public CompletableFuture<Position> append(byte[] message) {
                CompletableFuture<Position> replaced = onAppend.apply(message);
                return replaced != null ? replaced : real.append(message);
            }

            @Override
            public int maxMessageBytes() {
                return real.maxMessageBytes();
            }

            @Override
            public void flush() {
                real.flush();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    @Test
    void every_put_delete_batch_write_and_heartbeat_is_one_record_with_the_next_sequence() {
        try (CapturingDatabase master = new CapturingDatabase(MemoryDatabase.open(), log.newProducer(), CODEC)) {
            master.put(bytes("a"), bytes("1"));
            master.delete(bytes("a"));
            try (Batch batch = master.newBatch()) {
                batch.put(bytes("b"), bytes("2"));
                batch.put(bytes("c"), bytes("3"));
                batch.delete(bytes("d"));
                batch.write();
                batch.write(); // geth semantics: writing again applies the same writes again
                batch.reset();
                batch.write(); // nothing queued: nothing to replicate
            }
            master.heartbeat();
            master.flush();

            List<ChangeRecord> records = records();
            assertThat(records).extracting(ChangeRecord::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(records).extracting(ChangeRecord::producerId).containsOnly(master.producerId());
            assertThat(records.get(0).ops()).containsExactly(Op.put(bytes("a"), bytes("1")));
            assertThat(records.get(1).ops()).containsExactly(Op.delete(bytes("a")));
            assertThat(records.get(2).ops()).containsExactly(
                    Op.put(bytes("b"), bytes("2")), Op.put(bytes("c"), bytes("3")), Op.delete(bytes("d")));
            assertThat(records.get(3).ops()).isEqualTo(records.get(2).ops());
            assertThat(records.get(4).kind()).isEqualTo(ChangeRecord.Kind.HEARTBEAT);
            assertThat(master.get(bytes("b"))).isEqualTo(bytes("2"));
            assertThat(master.has(bytes("a"))).isFalse();
        }
    }

    @Test
    void a_batch_copies_what_it_queues() {
        try (CapturingDatabase master = new CapturingDatabase(MemoryDatabase.open(), log.newProducer(), CODEC)) {
            byte[] key = bytes("k");
            byte[] value = bytes("v1");
            try (Batch batch = master.newBatch()) {
                batch.put(key, value);
                key[0] = 'x';
                value[1] = '9';
                batch.write();
            }
            assertThat(records().get(0).ops()).containsExactly(Op.put(bytes("k"), bytes("v1")));
        }
    }

    @Test
    void the_record_reaches_the_log_before_the_local_write() {
        Database store = MemoryDatabase.open();
        List<Boolean> presentAtAppend = new ArrayList<>();
        try (CapturingDatabase master = new CapturingDatabase(store, producer(message -> {
            presentAtAppend.add(store.has(bytes("k")));
            return null;
        }), CODEC)) {
            master.put(bytes("k"), bytes("v"));
            assertThat(presentAtAppend).containsExactly(false);
            assertThat(store.get(bytes("k"))).isEqualTo(bytes("v"));
        }
    }

    @Test
    void writes_to_reserved_keys_are_rejected_and_not_captured() {
        byte[] reserved = ReservedKeys.key("checkpoint/x");
        try (CapturingDatabase master = new CapturingDatabase(MemoryDatabase.open(), log.newProducer(), CODEC)) {
            assertThatThrownBy(() -> master.put(reserved, bytes("v")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserves");
            assertThatThrownBy(() -> master.delete(reserved)).isInstanceOf(IllegalArgumentException.class);
            try (Batch batch = master.newBatch()) {
                assertThatThrownBy(() -> batch.put(reserved, bytes("v"))).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> batch.delete(reserved)).isInstanceOf(IllegalArgumentException.class);
                assertThat(batch.count()).isZero();
            }
            assertThat(master.get(reserved)).isNull();
        }
        assertThat(records()).isEmpty();
    }

    @Test
    void a_failed_acknowledgement_fail_stops_the_database() {
        int[] appends = {0};
        LogProducer failingSecond = producer(message -> ++appends[0] == 2
                ? CompletableFuture.failedFuture(LogException.fatal("broker said no"))
                : null);
        try (Database store = MemoryDatabase.open()) {
            CapturingDatabase master = new CapturingDatabase(store, failingSecond, CODEC);
            master.put(bytes("a"), bytes("1"));
            master.put(bytes("b"), bytes("2")); // appended without waiting; its acknowledgement fails
            assertThatThrownBy(() -> master.put(bytes("c"), bytes("3")))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("replicas would miss writes")
                    .hasRootCauseMessage("broker said no");
            assertThatThrownBy(master::heartbeat).isInstanceOf(StoreException.class);
            assertThatThrownBy(master::flush).isInstanceOf(StoreException.class);
            assertThat(store.has(bytes("c"))).isFalse();
            assertThatThrownBy(master::close).isInstanceOf(StoreException.class);
            master.close();
        }
        assertThat(records()).extracting(ChangeRecord::sequence).containsExactly(0L);
    }

    @Test
    void an_append_that_throws_fail_stops_the_database_without_writing_locally() {
        try (Database store = MemoryDatabase.open()) {
            CapturingDatabase master = new CapturingDatabase(store, producer(message -> {
                throw LogException.retriable("log unreachable");
            }), CODEC);
            assertThatThrownBy(() -> master.put(bytes("a"), bytes("1"))).isInstanceOf(StoreException.class);
            assertThat(store.has(bytes("a"))).isFalse();
            try (Batch batch = master.newBatch()) {
                batch.put(bytes("b"), bytes("2"));
                assertThatThrownBy(batch::write).isInstanceOf(StoreException.class);
            }
            assertThat(store.has(bytes("b"))).isFalse();
        }
    }

    @Test
    void close_is_idempotent_and_closes_the_store() {
        Database store = MemoryDatabase.open();
        CapturingDatabase master = new CapturingDatabase(store, log.newProducer(), CODEC);
        master.put(bytes("a"), bytes("1"));
        master.close();
        master.close();
        assertThatThrownBy(() -> store.get(bytes("a"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> master.put(bytes("a"), bytes("2"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> master.get(bytes("a"))).isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(master::heartbeat).isInstanceOf(StoreClosedException.class);
    }

    @Test
    void concurrent_writers_leave_the_log_in_the_order_of_the_local_writes() throws Exception {
        try (CapturingDatabase master = new CapturingDatabase(MemoryDatabase.open(), log.newProducer(), CODEC);
                Database replica = MemoryDatabase.open()) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                writers.add(new Thread(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (i % 10 == 0) {
                            try (Batch batch = master.newBatch()) {
                                batch.put(bytes("shared-" + (i % 7)), bytes(id + "/" + i));
                                batch.delete(bytes("shared-" + (i % 5)));
                                batch.write();
                            }
                        } else {
                            master.put(bytes("shared-" + (i % 7)), bytes(id + "/" + i));
                        }
                    }
                }));
            }
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
            master.flush();
            try (Replayer replayer = Replayer.builder(replica, log.newConsumer())
                    .codec(CODEC).headGuard(HeadGuard.none()).build()) {
                assertThat(replayer.catchUp()).isEqualTo(2_000);
            }
            assertThat(Keyspace.firstDifference(master, replica)).isEmpty();
            assertThat(records()).extracting(ChangeRecord::sequence).isSorted().hasSize(2_000);
        }
    }
}
