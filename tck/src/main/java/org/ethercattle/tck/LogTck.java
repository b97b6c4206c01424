package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.log.PositionExpiredException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link LogProducer} / {@link LogConsumer} / {@link Position} contract: order and completeness,
 * positions, seeking strictly after a position, tailing, concurrent producers, the message size
 * limit, exact payload bytes, persistence, stream identity, lifecycle, and (optionally) retention.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newLogSpec(Path)}; override
 * {@link #capabilities()} to switch off what the log cannot do, and
 * {@link #newLogSpecRetaining(Path, int)} if it can expire old entries.
 */
public abstract class LogTck extends TckFixture {

    /**
     * A spec for a fresh, empty stream kept under {@code emptyDirectory} (which exists and is empty),
     * opened with {@code Logs.openProducer(spec)} and {@code Logs.openConsumer(spec)}, several times per
     * test. Brokered logs name a new topic per call (e.g. from the directory's name); in-memory logs a
     * new name. Keep {@code maxMessageBytes} small (e.g. 64 KiB) if the log takes it as a parameter:
     * the size-limit tests append a message of exactly that size.
     */
    protected abstract String newLogSpec(Path emptyDirectory);

    /** What the log can do; override to switch off capabilities it lacks. Defaults to {@link LogCapabilities#full()}. */
    protected LogCapabilities capabilities() {
        return LogCapabilities.full();
    }

    /**
     * Optional capability, retention: a spec for a fresh, empty stream under {@code emptyDirectory}
     * that keeps the newest {@code retainedEntries} entries and drops the ones before them. The drop
     * must have happened once the append of a newer entry has completed and {@code flush()} returned,
     * so the suite can check it without waiting; a log that drops in coarser units (segments) may keep
     * more, as long as at least the two oldest of {@code 4 * retainedEntries} appended entries are gone.
     * Empty (the default) when the log cannot be made to expire entries on demand; the retention tests
     * are then skipped.
     */
    protected Optional<String> newLogSpecRetaining(Path emptyDirectory, int retainedEntries) {
        return Optional.empty();
    }

    private String newSpec() {
        return newLogSpec(newDirectory("log"));
    }

    private LogProducer producer(String spec) {
        return closeAfterTest(Logs.openProducer(spec));
    }

    private LogConsumer consumer(String spec) {
        return closeAfterTest(Logs.openConsumer(spec));
    }

    private static List<Position> appendAll(LogProducer producer, List<byte[]> messages) {
        List<CompletableFuture<Position>> futures = new ArrayList<>();
        for (byte[] message : messages) {
            futures.add(producer.append(message.clone()));
        }
        List<Position> positions = new ArrayList<>();
        for (CompletableFuture<Position> future : futures) {
            positions.add(Await.position(future));
        }
        return positions;
    }

    private static List<byte[]> numbered(int count) {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Bytes.utf8("message-" + i + "-" + "x".repeat(i % 37)));
        }
        return messages;
    }

    private static List<byte[]> payloads(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::payload).toList();
    }

    private static List<Position> positions(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::position).toList();
    }

    @Test
    @DisplayName("an empty log has no start or end position, and poll returns an empty list")
    void required_emptyLogHasNoPositions() {
        LogConsumer consumer = consumer(newSpec());
        assertThat(consumer.startPosition()).isEmpty();
        assertThat(consumer.endPosition()).isEmpty();
        assertThat(consumer.poll(Duration.ofMillis(50))).isNotNull().isEmpty();
    }

    @Test
    @DisplayName("poll returns every appended message once, in append order")
    void required_pollReturnsEveryMessageInOrder() {
        String spec = newSpec();
        List<byte[]> messages = numbered(300);
        appendAll(producer(spec), messages);
        LogConsumer consumer = consumer(spec);
        assertThat(payloads(Await.entries(consumer, messages.size()))).containsExactlyElementsOf(messages);
        assertThat(Await.nothingMore(consumer)).isEmpty();
    }

    @Test
    @DisplayName("positions strictly increase in append order and are the ones the append futures gave")
    void required_positionsIncreaseAndMatchTheAppends() {
        String spec = newSpec();
        List<Position> appended = appendAll(producer(spec), numbered(50));
        for (int i = 1; i < appended.size(); i++) {
            assertThat(appended.get(i)).as("position %d vs %d", i, i - 1).isGreaterThan(appended.get(i - 1));
            assertThat(appended.get(i)).isNotEqualTo(appended.get(i - 1));
        }
        assertThat(positions(Await.entries(consumer(spec), appended.size()))).containsExactlyElementsOf(appended);
    }

    @Test
    @DisplayName("a position turned into bytes and back, by any consumer of the log, is equal to the original")
    void required_positionsRoundTripThroughBytes() {
        String spec = newSpec();
        List<Position> appended = appendAll(producer(spec), numbered(20));
        LogConsumer reader = consumer(spec);
        for (Position position : appended) {
            Position back = reader.positionFromBytes(position.toBytes());
            assertThat(back).isEqualTo(position).hasSameHashCodeAs(position);
            assertThat(back.compareTo(position)).isZero();
            assertThat(back.toBytes()).isEqualTo(position.toBytes());
            assertThat(position.toString()).isNotBlank();
        }
    }

    @Test
    @DisplayName("seek(p) resumes strictly after p, at the first, a middle and the last position")
    void required_seekResumesStrictlyAfterThePosition() {
        String spec = newSpec();
        LogProducer producer = producer(spec);
        List<byte[]> messages = numbered(10);
        List<Position> appended = appendAll(producer, messages);
        LogConsumer consumer = consumer(spec);
        consumer.seek(appended.get(0));
        assertThat(payloads(Await.entries(consumer, 9))).containsExactlyElementsOf(messages.subList(1, 10));
        consumer.seek(appended.get(4));
        assertThat(payloads(Await.entries(consumer, 5))).containsExactlyElementsOf(messages.subList(5, 10));
        consumer.seek(appended.get(9));
        assertThat(Await.nothingMore(consumer)).isEmpty();
        Position eleventh = Await.position(producer.append(Bytes.utf8("eleventh")));
        List<LogEntry> tail = Await.entries(consumer, 1);
        assertThat(tail.get(0).position()).isEqualTo(eleventh);
        assertThat(tail.get(0).payload()).isEqualTo(Bytes.utf8("eleventh"));
    }

    @Test
    @DisplayName("seek accepts a position rebuilt from its bytes by a fresh consumer")
    void required_seekToARebuiltPosition() {
        String spec = newSpec();
        List<byte[]> messages = numbered(6);
        List<Position> appended = appendAll(producer(spec), messages);
        byte[] stored = appended.get(2).toBytes();
        LogConsumer consumer = consumer(spec);
        consumer.seek(consumer.positionFromBytes(stored));
        assertThat(payloads(Await.entries(consumer, 3))).containsExactlyElementsOf(messages.subList(3, 6));
    }

    @Test
    @DisplayName("seekToStart reads the log again from its first entry")
    void required_seekToStartRereadsEverything() {
        String spec = newSpec();
        List<byte[]> messages = numbered(20);
        appendAll(producer(spec), messages);
        LogConsumer consumer = consumer(spec);
        Await.entries(consumer, 20);
        consumer.seekToStart();
        assertThat(payloads(Await.entries(consumer, 20))).containsExactlyElementsOf(messages);
    }

    @Test
    @DisplayName("startPosition is the first entry's position and endPosition the newest one's, moving as entries are appended")
    void required_startAndEndPositionsBoundTheLog() {
        String spec = newSpec();
        LogProducer producer = producer(spec);
        LogConsumer consumer = consumer(spec);
        List<Position> appended = appendAll(producer, numbered(5));
        assertThat(consumer.startPosition()).contains(appended.get(0));
        assertThat(consumer.endPosition()).contains(appended.get(4));
        Position sixth = Await.position(producer.append(Bytes.utf8("sixth")));
        assertThat(consumer.endPosition()).contains(sixth);
        assertThat(consumer.startPosition()).contains(appended.get(0));
    }

    @Test
    @DisplayName("a log that never expired anything reports 0 expiredEntries (or that it cannot tell), empty or not")
    void required_expiredEntriesIsZeroBeforeAnyExpiry() {
        String spec = newSpec();
        assertThat(consumer(spec).expiredEntries().orElse(0)).as("expiredEntries of an empty log").isZero();
        appendAll(producer(spec), numbered(3));
        assertThat(consumer(spec).expiredEntries().orElse(0)).as("expiredEntries of a log holding its first entry")
                .isZero();
    }

    @Test
    @DisplayName("entriesBetween, when the log can count, counts the entries after from up to and including to")
    void required_entriesBetweenCountsWhenOffered() {
        String spec = newSpec();
        List<Position> appended = appendAll(producer(spec), numbered(12));
        LogConsumer consumer = consumer(spec);
        OptionalLong count = consumer.entriesBetween(appended.get(2), appended.get(11));
        if (count.isPresent()) {
            assertThat(count.getAsLong()).isEqualTo(9);
            assertThat(consumer.entriesBetween(appended.get(5), appended.get(5))).hasValue(0);
        }
    }

    @Test
    @DisplayName("a consumer opened before the appends tails new entries as they arrive")
    void required_consumerTailsNewEntries() {
        String spec = newSpec();
        LogConsumer consumer = consumer(spec);
        assertThat(Await.nothingMore(consumer)).isEmpty();
        LogProducer producer = producer(spec);
        List<byte[]> all = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            List<byte[]> messages = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                messages.add(Bytes.utf8("round-" + round + "-" + i));
            }
            appendAll(producer, messages);
            all.addAll(messages);
            assertThat(payloads(Await.entries(consumer, 3))).containsExactlyElementsOf(messages);
        }
        consumer.seekToStart();
        assertThat(payloads(Await.entries(consumer, all.size()))).containsExactlyElementsOf(all);
    }

    @Test
    @DisplayName("two producers appending at the same time each keep their own order, and nothing is lost")
    void required_concurrentProducersKeepEachOnesOrder() throws Exception {
        String spec = newSpec();
        int perProducer = 400;
        LogProducer first = producer(spec);
        LogProducer second = producer(spec);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<List<Position>> a = threads.submit(() -> appendAll(first, tagged("A", perProducer)));
            Future<List<Position>> b = threads.submit(() -> appendAll(second, tagged("B", perProducer)));
            a.get(2, TimeUnit.MINUTES);
            b.get(2, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
        }
        List<String> read = payloads(Await.entries(consumer(spec), 2 * perProducer)).stream().map(Bytes::text).toList();
        assertThat(read.stream().filter(m -> m.startsWith("A")).toList())
                .containsExactlyElementsOf(tagged("A", perProducer).stream().map(Bytes::text).toList());
        assertThat(read.stream().filter(m -> m.startsWith("B")).toList())
                .containsExactlyElementsOf(tagged("B", perProducer).stream().map(Bytes::text).toList());
    }

    private static List<byte[]> tagged(String tag, int count) {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Bytes.utf8(tag + i));
        }
        return messages;
    }

    private int limitOf(LogProducer producer) {
        int limit = producer.maxMessageBytes();
        assertThat(limit).as("maxMessageBytes").isPositive();
        Assumptions.assumeTrue(limit <= 64 << 20,
                "maxMessageBytes " + limit + " is too large to test; set a smaller one in newLogSpec");
        return limit;
    }

    @Test
    @DisplayName("a message of exactly maxMessageBytes is accepted and delivered whole")
    void required_messageOfExactlyTheLimitIsAccepted() {
        String spec = newSpec();
        LogProducer producer = producer(spec);
        byte[] message = Bytes.pattern(limitOf(producer), 11);
        Await.position(producer.append(message.clone()));
        assertThat(Await.entries(consumer(spec), 1).get(0).payload()).isEqualTo(message);
    }

    @Test
    @DisplayName("a message longer than maxMessageBytes fails with LogException and never reaches the log")
    void required_messageOverTheLimitIsRejected() {
        String spec = newSpec();
        LogProducer producer = producer(spec);
        byte[] tooLong = new byte[limitOf(producer) + 1];
        assertThatThrownBy(() -> Await.position(producer.append(tooLong))).isInstanceOf(LogException.class);
        Await.position(producer.append(Bytes.utf8("after")));
        List<LogEntry> entries = Await.entries(consumer(spec), 1);
        assertThat(entries.get(0).payload()).isEqualTo(Bytes.utf8("after"));
    }

    @Test
    @DisplayName("payload bytes come back exactly: every byte value, runs of 0x00 and 0xFF, random lengths")
    void required_payloadBytesAreExact() {
        String spec = newSpec();
        List<byte[]> messages = new ArrayList<>();
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        messages.add(everyByte);
        messages.add(new byte[1000]);
        byte[] ones = new byte[1000];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        messages.add(ones);
        messages.add(Bytes.of(0x00));
        messages.add(Bytes.of(0xFF));
        Random random = new Random(42);
        for (int i = 0; i < 30; i++) {
            messages.add(Bytes.random(random, 1 + random.nextInt(5000)));
        }
        appendAll(producer(spec), messages);
        assertThat(payloads(Await.entries(consumer(spec), messages.size()))).containsExactlyElementsOf(messages);
    }

    @Test
    @DisplayName("a message of zero bytes is delivered as zero bytes")
    void optional_emptyPayloadIsDelivered() {
        Assumptions.assumeTrue(capabilities().emptyPayloads(), "the log does not carry empty messages (capabilities)");
        String spec = newSpec();
        appendAll(producer(spec), List.of(new byte[0], Bytes.utf8("after")));
        assertThat(payloads(Await.entries(consumer(spec), 2))).containsExactly(new byte[0], Bytes.utf8("after"));
    }

    @Test
    @DisplayName("a payload handed out by poll is the receiver's: changing it changes nothing in the log")
    void required_polledPayloadIsOwnedByTheReceiver() {
        String spec = newSpec();
        appendAll(producer(spec), List.of(Bytes.utf8("original")));
        LogConsumer consumer = consumer(spec);
        Await.entries(consumer, 1).get(0).payload()[0] = 'X';
        consumer.seekToStart();
        assertThat(Await.entries(consumer, 1).get(0).payload()).isEqualTo(Bytes.utf8("original"));
    }

    @Test
    @DisplayName("an entry's time is its wall-clock append time (or -1 where the log keeps none)")
    void required_entryTimesArePlausible() {
        String spec = newSpec();
        long before = System.currentTimeMillis();
        appendAll(producer(spec), numbered(3));
        long after = System.currentTimeMillis();
        for (LogEntry entry : Await.entries(consumer(spec), 3)) {
            if (entry.timeMillis() == -1) {
                assertThat(capabilities().entryTimes()).as("the log claims entry times but gave -1").isFalse();
            } else {
                // Generous bounds: brokers stamp with their own clock. This checks the unit, not speed.
                assertThat(entry.timeMillis()).isBetween(before - 600_000, after + 600_000);
            }
        }
    }

    @Test
    @DisplayName("entries survive closing every producer and consumer; appends after reopening follow them")
    void optional_entriesSurviveReopen() {
        Assumptions.assumeTrue(capabilities().persistent(), "the log is not persistent (capabilities)");
        String spec = newSpec();
        LogProducer producer = Logs.openProducer(spec);
        List<byte[]> messages = numbered(10);
        List<Position> appended = appendAll(producer, messages);
        producer.close();
        try (LogConsumer first = Logs.openConsumer(spec)) {
            Await.entries(first, 10);
        }
        LogConsumer consumer = consumer(spec);
        assertThat(payloads(Await.entries(consumer, 10))).containsExactlyElementsOf(messages);
        Position next = Await.position(producer(spec).append(Bytes.utf8("after reopen")));
        assertThat(next).isGreaterThan(appended.get(9));
        assertThat(Await.entries(consumer, 1).get(0).payload()).isEqualTo(Bytes.utf8("after reopen"));
    }

    @Test
    @DisplayName("streamId is non-blank, the same for every consumer of one stream, and differs between streams")
    void required_streamIdIsStable() {
        String spec = newSpec();
        appendAll(producer(spec), numbered(1));
        String id;
        try (LogConsumer first = Logs.openConsumer(spec)) {
            id = first.streamId();
        }
        assertThat(id).isNotBlank();
        assertThat(consumer(spec).streamId()).isEqualTo(id);
        String other = newSpec();
        appendAll(producer(other), numbered(1));
        assertThat(consumer(other).streamId()).isNotEqualTo(id);
    }

    @Test
    @DisplayName("flush returns only once every earlier append has completed")
    void required_flushCompletesEveryAppend() {
        String spec = newSpec();
        LogProducer producer = producer(spec);
        List<CompletableFuture<Position>> futures = new ArrayList<>();
        for (byte[] message : numbered(100)) {
            futures.add(producer.append(message));
        }
        producer.flush();
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
    }

    @Test
    @DisplayName("closing a producer delivers what it accepted before")
    void required_closeFlushes() {
        String spec = newSpec();
        LogProducer producer = Logs.openProducer(spec);
        List<byte[]> messages = numbered(100);
        for (byte[] message : messages) {
            producer.append(message.clone());
        }
        producer.close();
        assertThat(payloads(Await.entries(consumer(spec), 100))).containsExactlyElementsOf(messages);
    }

    @Test
    @DisplayName("close is idempotent for producers and consumers")
    void required_closeIsIdempotent() {
        String spec = newSpec();
        LogProducer producer = producer(spec);
        LogConsumer consumer = consumer(spec);
        producer.close();
        producer.close();
        consumer.close();
        consumer.close();
    }

    @Test
    @DisplayName("an append to a closed producer throws a fatal LogException saying it is closed, instead of being lost silently")
    void required_appendAfterCloseFails() {
        String spec = newSpec();
        LogProducer producer = producer(spec);
        producer.close();
        assertClosedLogError(() -> producer.append(Bytes.utf8("late")), "append after close");
    }

    @Test
    @DisplayName("after close a producer's flush returns at once and maxMessageBytes answers as before")
    void required_flushAndMaxMessageBytesAfterCloseAnswer() {
        LogProducer producer = producer(newSpec());
        int limit = producer.maxMessageBytes();
        producer.close();
        producer.flush();
        assertThat(producer.maxMessageBytes()).isEqualTo(limit);
    }

    @Test
    @DisplayName("every read of a closed consumer (poll, seek, seekToStart, end/startPosition, expiredEntries) throws a fatal LogException saying it is closed")
    void required_readsAfterCloseFail() {
        String spec = newSpec();
        Position first = appendAll(producer(spec), numbered(1)).get(0);
        LogConsumer consumer = consumer(spec);
        consumer.close();
        assertClosedLogError(() -> consumer.poll(Duration.ofMillis(10)), "poll after close");
        assertClosedLogError(() -> consumer.seek(first), "seek after close");
        assertClosedLogError(consumer::seekToStart, "seekToStart after close");
        assertClosedLogError(consumer::endPosition, "endPosition after close");
        assertClosedLogError(consumer::startPosition, "startPosition after close");
        assertClosedLogError(consumer::expiredEntries, "expiredEntries after close");
    }

    @Test
    @DisplayName("after close a consumer's streamId, positionFromBytes, entriesBetween and positionAt answer as before")
    void required_computationsAfterCloseAnswerAsBefore() {
        String spec = newSpec();
        List<Position> appended = appendAll(producer(spec), numbered(3));
        LogConsumer consumer = consumer(spec);
        String streamId = consumer.streamId();
        OptionalLong between = consumer.entriesBetween(appended.get(0), appended.get(2));
        Optional<Position> atOne = consumer.positionAt(1);
        consumer.close();
        assertThat(consumer.streamId()).isEqualTo(streamId);
        assertThat(consumer.positionFromBytes(appended.get(1).toBytes())).isEqualTo(appended.get(1));
        assertThat(consumer.entriesBetween(appended.get(0), appended.get(2))).isEqualTo(between);
        assertThat(consumer.positionAt(1)).isEqualTo(atOne);
    }

    /** The error {@link LogConsumer} and {@link LogProducer} promise for use after close. */
    private static void assertClosedLogError(ThrowingCallable call, String what) {
        assertThatThrownBy(call).as(what).isInstanceOfSatisfying(LogException.class, e -> {
            assertThat(e.isRetriable()).as("%s: retriable", what).isFalse();
            assertThat(e.getMessage()).as("%s: message", what).contains("closed");
        });
    }

    private record RetainedLog(String spec, List<byte[]> messages, List<Position> appended, Position start) {}

    /** A log with retention of 5, after appending 20 entries; the oldest are gone. */
    private RetainedLog retainedLog() {
        Optional<String> spec = newLogSpecRetaining(newDirectory("log"), 5);
        Assumptions.assumeTrue(spec.isPresent(), "the log cannot expire entries on demand (newLogSpecRetaining)");
        LogProducer producer = producer(spec.get());
        List<byte[]> messages = numbered(20);
        List<Position> appended = new ArrayList<>();
        for (byte[] message : messages) {
            appended.add(Await.position(producer.append(message.clone())));
        }
        producer.flush();
        Optional<Position> start = consumer(spec.get()).startPosition();
        assertThat(start).as("startPosition after expiry").isPresent();
        assertThat(start.get()).as("startPosition: the two oldest entries must be gone").isGreaterThan(appended.get(1));
        assertThat(start.get()).as("startPosition: the newest 5 entries must be kept")
                .isLessThanOrEqualTo(appended.get(15));
        return new RetainedLog(spec.get(), messages, appended, start.get());
    }

    @Test
    @DisplayName("seeking after a position whose successor has expired throws PositionExpiredException naming startPosition")
    void optional_seekBeforeRetentionThrowsPositionExpired() {
        RetainedLog log = retainedLog();
        LogConsumer consumer = consumer(log.spec());
        assertThatThrownBy(() -> {
            consumer.seek(log.appended().get(0));
            consumer.poll(Duration.ofMillis(100));
        }).isInstanceOfSatisfying(PositionExpiredException.class, e -> {
            assertThat(e.position()).isEqualTo(log.appended().get(0));
            assertThat(e.earliestRetained()).isEqualTo(log.start());
            assertThat(e.isRetriable()).isFalse();
        });
    }

    @Test
    @DisplayName("after expiry, seekToStart and a new consumer read from the earliest retained entry to the end")
    void optional_readingFromStartAfterExpiryBeginsAtTheEarliestRetained() {
        RetainedLog log = retainedLog();
        int first = log.appended().indexOf(log.start());
        assertThat(first).as("startPosition is one of the appended positions").isNotNegative();
        List<byte[]> retained = log.messages().subList(first, 20);
        assertThat(payloads(Await.entries(consumer(log.spec()), retained.size()))).containsExactlyElementsOf(retained);
        LogConsumer consumer = consumer(log.spec());
        consumer.seek(log.appended().get(19));
        consumer.seekToStart();
        List<LogEntry> again = Await.entries(consumer, retained.size());
        assertThat(again.get(0).position()).isEqualTo(log.start());
        assertThat(payloads(again)).containsExactlyElementsOf(retained);
    }

    @Test
    @DisplayName("after expiry, expiredEntries counts the entries retention removed (or says it cannot tell)")
    void optional_expiredEntriesCountsWhatRetentionRemoved() {
        RetainedLog log = retainedLog();
        OptionalLong expired = consumer(log.spec()).expiredEntries();
        if (expired.isPresent()) {
            assertThat(expired.getAsLong()).as("expiredEntries: the entries before startPosition")
                    .isEqualTo(log.appended().indexOf(log.start()));
        }
    }

    @Test
    @DisplayName("after expiry, seeking after a retained position still reads what follows it")
    void optional_seekWithinRetentionStillWorks() {
        RetainedLog log = retainedLog();
        LogConsumer consumer = consumer(log.spec());
        consumer.seek(log.appended().get(17));
        assertThat(payloads(Await.entries(consumer, 2))).containsExactlyElementsOf(log.messages().subList(18, 20));
    }
}
