package org.ethercattle.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MemoryLogTest {

    private final String name = "log-" + UUID.randomUUID();

    private static byte[] m(int i) {
        return new byte[] {(byte) i};
    }

    @Test
    @DisplayName("producers and consumers opened on one name share the stream, in append order")
    void sharedByName() {
        try (LogProducer producer = Logs.openProducer("memory:" + name);
             LogConsumer consumer = Logs.openConsumer("memory:" + name)) {
            Position first = producer.append(m(1)).join();
            producer.append(m(2)).join();

            List<LogEntry> entries = consumer.poll(Duration.ZERO);

            assertThat(entries).extracting(e -> e.payload()[0]).containsExactly((byte) 1, (byte) 2);
            assertThat(entries.get(0).position()).isEqualTo(first);
            assertThat(first).hasToString("memory:" + name + "@0");
            assertThat(entries.get(0).timeMillis()).isPositive();
            assertThat(consumer.streamId()).isEqualTo(name);
            assertThat(consumer.endPosition()).contains(new MemoryPosition(name, 1));
            assertThat(consumer.startPosition()).contains(new MemoryPosition(name, 0));
        }
    }

    @Test
    @DisplayName("each consumer gets its own copy of a payload")
    void payloadsAreFresh() {
        MemoryLog log = MemoryLog.open(name);
        log.newProducer().append(m(7));
        LogConsumer a = log.newConsumer();
        LogConsumer b = log.newConsumer();

        a.poll(Duration.ZERO).get(0).payload()[0] = 0;

        assertThat(b.poll(Duration.ZERO).get(0).payload()).containsExactly(7);
    }

    @Test
    @DisplayName("poll waits for an entry appended by another thread")
    void pollWaits() throws InterruptedException {
        MemoryLog log = MemoryLog.open(name);
        LogConsumer consumer = log.newConsumer();
        CountDownLatch polling = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                polling.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.newProducer().append(m(3));
        });
        producer.start();
        polling.countDown();

        List<LogEntry> entries = consumer.poll(Duration.ofMinutes(1));

        producer.join();
        assertThat(entries).hasSize(1);
        assertThat(consumer.poll(Duration.ZERO)).isEmpty();
    }

    @Test
    @DisplayName("a message over maxMessageBytes is refused, naming its size and the limit")
    void messageLimit() {
        try (LogProducer producer = Logs.openProducer("memory:" + name + "?maxMessageBytes=1k")) {
            assertThat(producer.maxMessageBytes()).isEqualTo(1024);
            producer.append(new byte[1024]).join();

            assertThatThrownBy(() -> producer.append(new byte[1025]))
                    .isInstanceOf(LogException.class).hasMessageContaining("1025").hasMessageContaining("1024");
        }
        assertThat(MemoryLog.open(name + "-default").maxMessageBytes()).isEqualTo(1 << 20);
    }

    @Test
    @DisplayName("with retainEntries only the newest entries stay; older positions expire, naming the earliest kept")
    void retention() {
        LogProducer producer = Logs.openProducer("memory:" + name + "?retainEntries=3");
        LogConsumer lagging = Logs.openConsumer("memory:" + name);
        LogConsumer fresh = Logs.openConsumer("memory:" + name);
        for (int i = 0; i < 5; i++) {
            producer.append(m(i));
        }

        assertThat(fresh.startPosition()).contains(new MemoryPosition(name, 2));
        assertThat(fresh.endPosition()).contains(new MemoryPosition(name, 4));
        assertThat(fresh.poll(Duration.ZERO)).extracting(e -> e.payload()[0]).containsExactly((byte) 2, (byte) 3, (byte) 4);

        lagging.seek(new MemoryPosition(name, 1));
        assertThat(lagging.poll(Duration.ZERO)).hasSize(3);
        assertThatThrownBy(() -> lagging.seek(new MemoryPosition(name, 0)))
                .isInstanceOf(PositionExpiredException.class)
                .satisfies(e -> assertThat(((PositionExpiredException) e).earliestRetained())
                        .isEqualTo(new MemoryPosition(name, 2)));

        LogConsumer slow = Logs.openConsumer("memory:" + name);
        slow.seek(new MemoryPosition(name, 2));
        for (int i = 5; i < 10; i++) {
            producer.append(m(i));
        }
        assertThatThrownBy(() -> slow.poll(Duration.ZERO))
                .isInstanceOf(PositionExpiredException.class).hasMessageContaining("memory:" + name + "@7");
    }

    @Test
    @DisplayName("retention keeps working over many entries")
    void retentionCompacts() {
        MemoryLog log = MemoryLog.open(name, 16, 10L);
        LogProducer producer = log.newProducer();
        for (int i = 0; i < 10_000; i++) {
            producer.append(m(i));
        }
        LogConsumer consumer = log.newConsumer();

        List<LogEntry> entries = consumer.poll(Duration.ZERO);

        assertThat(entries).hasSize(10);
        assertThat(entries.get(0).position()).isEqualTo(new MemoryPosition(name, 9_990));
        assertThat(entries.get(9).payload()).containsExactly((byte) 9_999);
    }

    @Test
    @DisplayName("seek resumes strictly after a position; positions survive toBytes; entriesBetween counts")
    void positions() {
        MemoryLog log = MemoryLog.open(name);
        LogProducer producer = log.newProducer();
        for (int i = 0; i < 5; i++) {
            producer.append(m(i));
        }
        LogConsumer consumer = log.newConsumer();
        Position second = consumer.positionFromBytes(new MemoryPosition(name, 1).toBytes());

        consumer.seek(second);

        assertThat(consumer.poll(Duration.ZERO).get(0).payload()).containsExactly(2);
        assertThat(consumer.entriesBetween(new MemoryPosition(name, 1), new MemoryPosition(name, 4))).hasValue(3);
        consumer.seekToStart();
        assertThat(consumer.poll(Duration.ZERO)).hasSize(5);
        assertThatThrownBy(() -> consumer.positionFromBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> consumer.seek(new MemoryPosition("other", 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("positions order within one log and refuse comparison across logs or kinds")
    void positionOrder() {
        MemoryPosition a = new MemoryPosition(name, 1);
        assertThat(a).isLessThan(new MemoryPosition(name, 2));
        assertThatThrownBy(() -> a.compareTo(new MemoryPosition("other", 1))).isInstanceOf(IllegalArgumentException.class);
        Position foreign = new Position() {
            @Override
            public byte[] toBytes() {
                return new byte[0];
            }

            @Override
            public int compareTo(Position o) {
                return 0;
            }
        };
        assertThatThrownBy(() -> a.compareTo(foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an empty log has no start or end position")
    void emptyLog() {
        LogConsumer consumer = MemoryLog.open(name).newConsumer();
        assertThat(consumer.endPosition()).isEmpty();
        assertThat(consumer.startPosition()).isEmpty();
        assertThat(consumer.poll(Duration.ofMillis(1))).isEmpty();
    }

    @Test
    @DisplayName("closed producers and consumers refuse use; conflicting settings and unknown params are refused")
    void lifecycleAndSpecs() {
        LogProducer producer = Logs.openProducer("memory:" + name + "?retainEntries=5");
        producer.close();
        producer.close();
        assertThatThrownBy(() -> producer.append(m(1))).isInstanceOf(LogException.class);
        LogConsumer consumer = Logs.openConsumer("memory:" + name);
        consumer.close();
        assertThatThrownBy(() -> consumer.poll(Duration.ZERO)).isInstanceOf(LogException.class);

        assertThatThrownBy(() -> Logs.openProducer("memory:" + name + "?retainEntries=6"))
                .isInstanceOf(SpecException.class).hasMessageContaining("retainEntries=5");
        assertThatThrownBy(() -> Logs.openProducer("memory:" + name + "?fsync=always"))
                .isInstanceOf(SpecException.class).hasMessageContaining("fsync");
        assertThatThrownBy(() -> Logs.openProducer("memory:")).isInstanceOf(SpecException.class);
        assertThat(MemoryLog.discard(name)).isTrue();
    }
}
