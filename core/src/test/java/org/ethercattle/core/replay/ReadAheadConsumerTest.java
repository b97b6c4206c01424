package org.ethercattle.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.memory.MemoryLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadAheadConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The background thread's poll: what a call such as seek may wait for at the end of the log. */
    private static final Duration FETCH = Duration.ofMillis(50);

    private final MemoryLog log = MemoryLog.open("read-ahead-" + UUID.randomUUID());
    private final List<Position> positions = new ArrayList<>();

    @AfterEach
    void discard() {
        MemoryLog.discard(log.name());
    }

    @Test
    void handsOverEveryEntryOnceInOrderWhateverTheBound() {
        append(500);
        try (ReadAheadConsumer reader = new ReadAheadConsumer(new OneEntryPerPoll(log.newConsumer()), 64, FETCH)) {
            assertThat(payloads(drain(reader, 500))).containsExactlyElementsOf(expected(0, 500));
        }
    }

    @Test
    void seekDropsWhatWasReadAheadAndResumesRightAfterThePosition() {
        append(200);
        try (ReadAheadConsumer reader = new ReadAheadConsumer(new OneEntryPerPoll(log.newConsumer()), 1 << 20, FETCH)) {
            assertThat(payloads(reader.poll(WAIT))).containsExactly("entry-0");
            awaitBytesWaiting(reader, 5L * ("entry-1".length() + ReadAheadConsumer.ENTRY_OVERHEAD));

            reader.seek(positions.get(9));
            assertThat(payloads(drain(reader, 190))).containsExactlyElementsOf(expected(10, 200));

            reader.seekToStart();
            assertThat(payloads(drain(reader, 200))).containsExactlyElementsOf(expected(0, 200));
        }
    }

    @Test
    void stopsFetchingAtTheBoundPlusOnePoll() {
        append(300);
        int entryBytes = "entry-100".length() + ReadAheadConsumer.ENTRY_OVERHEAD;
        try (ReadAheadConsumer reader = new ReadAheadConsumer(new OneEntryPerPoll(log.newConsumer()), 10 * entryBytes,
                WAIT)) {
            reader.poll(WAIT);
            awaitBytesWaiting(reader, 10 * entryBytes);
            reader.endPosition(); // a round trip through the background thread, which is now parked
            assertThat(reader.bytesWaiting()).isBetween(10L * entryBytes, 11L * entryBytes);
        }
    }

    @Test
    void countsEachEntryAsItsPayloadPlusItsOverheadSoTinyEntriesCannotPileUp() {
        append(1000);
        long bound = 20L * ReadAheadConsumer.ENTRY_OVERHEAD;
        FailingOnce counting = new FailingOnce(new OneEntryPerPoll(log.newConsumer()), Integer.MAX_VALUE);
        try (ReadAheadConsumer reader = new ReadAheadConsumer(counting, bound, FETCH)) {
            reader.poll(WAIT);
            awaitBytesWaiting(reader, bound);
            reader.endPosition();
            // One entry per delegate poll: the entries fetched are the polls made, one of them handed out.
            assertThat(counting.polls.get()).as("entries of 9 bytes fetched within a %d-byte bound", bound)
                    .isLessThanOrEqualTo(20 + 1);
        }
    }

    @Test
    void aDelegateErrorComesAfterTheEntriesBeforeItAndIsNotRetriedUntilTheReaderPollsAgain() {
        append(20);
        FailingOnce failing = new FailingOnce(new OneEntryPerPoll(log.newConsumer()), 6);
        try (ReadAheadConsumer reader = new ReadAheadConsumer(failing, 1 << 20, FETCH)) {
            assertThat(payloads(drain(reader, 5))).containsExactlyElementsOf(expected(0, 5));
            assertThatThrownBy(() -> reader.poll(WAIT)).isSameAs(failing.error);
            int pollsAtError = failing.polls.get();
            reader.endPosition();
            assertThat(failing.polls.get()).as("delegate polls while the error was unanswered").isEqualTo(pollsAtError);

            assertThat(payloads(drain(reader, 15))).containsExactlyElementsOf(expected(5, 20));
        }
    }

    @Test
    void neverUsesTheDelegateFromTwoThreadsAtOnce() {
        append(100);
        SingleThreaded delegate = new SingleThreaded(log.newConsumer());
        try (ReadAheadConsumer reader = new ReadAheadConsumer(delegate, 256, FETCH)) {
            reader.seekToStart();
            for (int i = 0; i < 30; i++) {
                reader.poll(Duration.ofMillis(2));
                reader.endPosition();
                reader.startPosition();
                reader.entriesBetween(positions.get(0), positions.get(50));
                reader.positionFromBytes(positions.get(i).toBytes());
            }
            reader.seek(positions.get(3));
            assertThat(payloads(reader.poll(WAIT))).startsWith("entry-4");
        }
        assertThat(delegate.overlaps.get()).isZero();
        assertThat(delegate.threads).anyMatch(name -> name.startsWith("cattle-read-ahead-"));
    }

    @Test
    void pauseHandsTheDelegateBackUntilTheNextPollAndKeepsWhatWasReadAhead() {
        append(50);
        SingleThreaded delegate = new SingleThreaded(new OneEntryPerPoll(log.newConsumer()));
        try (ReadAheadConsumer reader = new ReadAheadConsumer(delegate, 1 << 20, FETCH)) {
            assertThat(payloads(reader.poll(WAIT))).containsExactly("entry-0");
            awaitBytesWaiting(reader, 5L * ("entry-1".length() + ReadAheadConsumer.ENTRY_OVERHEAD));
            for (int i = 0; i < 20; i++) {
                reader.pause();
                delegate.endPosition(); // the owner's own call, on its thread
                delegate.startPosition();
                assertThat(reader.poll(WAIT)).hasSize(1);
            }
            reader.pause();
            long waiting = reader.bytesWaiting();
            delegate.endPosition();
            assertThat(reader.bytesWaiting()).as("no fetching while paused").isEqualTo(waiting);
            assertThat(payloads(drain(reader, 29))).containsExactlyElementsOf(expected(21, 50));
        }
        assertThat(delegate.overlaps.get()).isZero();
    }

    @Test
    void closeStopsTheBackgroundThreadAndLeavesTheDelegateOpen() {
        append(10);
        LogConsumer delegate = log.newConsumer();
        ReadAheadConsumer reader = new ReadAheadConsumer(delegate, 1 << 20, FETCH);
        reader.poll(WAIT);
        assertThat(reader.fetcherAlive()).isTrue();

        reader.close();
        reader.close();

        assertThat(reader.fetcherAlive()).isFalse();
        assertThatThrownBy(() -> reader.poll(WAIT)).isInstanceOfSatisfying(LogException.class,
                e -> assertThat(e.isRetriable()).isFalse()).hasMessageContaining("closed");
        assertThat(reader.positionAt(3)).isEqualTo(delegate.positionAt(3));
        delegate.seekToStart();
        assertThat(payloads(delegate.poll(WAIT))).startsWith("entry-0");
        delegate.close();
    }

    @Test
    void callsBeforeTheFirstPollRunOnTheCallersThread() {
        append(3);
        SingleThreaded delegate = new SingleThreaded(log.newConsumer());
        try (ReadAheadConsumer reader = new ReadAheadConsumer(delegate, 1 << 20, FETCH)) {
            reader.seek(positions.get(0));
            assertThat(reader.fetcherAlive()).isFalse();
            assertThat(delegate.threads).containsExactly(Thread.currentThread().getName());
            assertThat(payloads(drain(reader, 2))).containsExactly("entry-1", "entry-2");
        }
    }

    private void append(int count) {
        try (LogProducer producer = log.newProducer()) {
            int first = positions.size();
            for (int i = first; i < first + count; i++) {
                positions.add(producer.append(("entry-" + i).getBytes(StandardCharsets.UTF_8)).join());
            }
        }
    }

    private static List<LogEntry> drain(LogConsumer reader, int count) {
        List<LogEntry> entries = new ArrayList<>();
        while (entries.size() < count) {
            List<LogEntry> polled = reader.poll(WAIT);
            assertThat(polled).as("entries after %d of %d", entries.size(), count).isNotEmpty();
            entries.addAll(polled);
        }
        assertThat(entries).hasSize(count);
        return entries;
    }

    private static void awaitBytesWaiting(ReadAheadConsumer reader, long bytes) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reader.bytesWaiting() < bytes) {
            assertThat(System.nanoTime()).as("read-ahead reaching %d bytes", bytes).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static List<String> payloads(List<LogEntry> entries) {
        return entries.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
    }

    private static List<String> expected(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add("entry-" + i);
        }
        return names;
    }

    /** Throws a retriable error on its {@code failAt}-th poll (1-based), once. */
    private static final class FailingOnce extends ForwardingConsumer {
        final LogException error = LogException.retriable("broker unreachable (test)");
        final AtomicInteger polls = new AtomicInteger();
        private final int failAt;

        FailingOnce(LogConsumer delegate, int failAt) {
            super(delegate);
            this.failAt = failAt;
        }

        @Override
        public List<LogEntry> poll(Duration timeout) {
            if (polls.incrementAndGet() == failAt) {
                throw error;
            }
            return delegate.poll(timeout);
        }
    }

    /** Counts calls that overlap in time and remembers which threads called. */
    private static final class SingleThreaded extends ForwardingConsumer {
        final AtomicInteger overlaps = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        private final AtomicInteger inside = new AtomicInteger();

        SingleThreaded(LogConsumer delegate) {
            super(delegate);
        }

        private <T> T guarded(Supplier<T> call) {
            threads.add(Thread.currentThread().getName());
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                Thread.yield(); // widens the window in which an overlap would show
                return call.get();
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        public List<LogEntry> poll(Duration timeout) {
            return guarded(() -> delegate.poll(Duration.ofMillis(1)));
        }

        @Override
        public void seek(Position position) {
            guarded(() -> {
                delegate.seek(position);
                return null;
            });
        }

        @Override
        public void seekToStart() {
            guarded(() -> {
                delegate.seekToStart();
                return null;
            });
        }

        @Override
        public Optional<Position> endPosition() {
            return guarded(delegate::endPosition);
        }

        @Override
        public Optional<Position> startPosition() {
            return guarded(delegate::startPosition);
        }

        @Override
        public Position positionFromBytes(byte[] bytes) {
            return guarded(() -> delegate.positionFromBytes(bytes));
        }

        @Override
        public OptionalLong entriesBetween(Position from, Position to) {
            return guarded(() -> delegate.entriesBetween(from, to));
        }
    }
}
