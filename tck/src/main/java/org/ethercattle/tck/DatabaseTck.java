package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReadOnlyException;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.spi.OpenMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Database} contract: reads, writes, ownership of arrays, key order, sizes, lifecycle,
 * threads, read-only mode, and a seeded random comparison with the {@link ReferenceModel}.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newStoreSpec(java.nio.file.Path)};
 * override {@link #capabilities()} to switch off what the store cannot do.
 */
public abstract class DatabaseTck extends StoreSuite {

    private static final int SIXTEEN_MIB = 16 << 20;

    @Test
    @DisplayName("D3: get returns null for a key that was never written")
    void required_getReturnsNullForAbsentKey() {
        Database db = openNewStore();
        assertThat(db.get(Bytes.utf8("absent"))).isNull();
        assertThat(db.has(Bytes.utf8("absent"))).isFalse();
    }

    @Test
    @DisplayName("D3: get returns exactly the bytes put")
    void required_getReturnsWhatWasPut() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("v"));
        assertThat(db.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("v"));
        assertThat(db.has(Bytes.utf8("k"))).isTrue();
    }

    @Test
    @DisplayName("D3, W5: an empty value is present: get returns an empty array, not null, and has is true")
    void required_emptyValueIsPresent() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), new byte[0]);
        assertThat(db.get(Bytes.utf8("k"))).isNotNull().isEmpty();
        assertThat(db.has(Bytes.utf8("k"))).isTrue();
    }

    @Test
    @DisplayName("W1: a second put to a key replaces the first value, also with a shorter one")
    void required_putOverwrites() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("a long first value"));
        db.put(Bytes.utf8("k"), Bytes.utf8("2nd"));
        assertThat(db.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("2nd"));
    }

    @Test
    @DisplayName("W2: delete removes a key and leaves its neighbours alone")
    void required_deleteRemovesKey() {
        Database db = openNewStore();
        db.put(Bytes.utf8("a"), Bytes.utf8("1"));
        db.put(Bytes.utf8("ab"), Bytes.utf8("2"));
        db.put(Bytes.utf8("b"), Bytes.utf8("3"));
        db.delete(Bytes.utf8("ab"));
        assertThat(db.get(Bytes.utf8("ab"))).isNull();
        assertThat(db.has(Bytes.utf8("ab"))).isFalse();
        assertThat(db.get(Bytes.utf8("a"))).isEqualTo(Bytes.utf8("1"));
        assertThat(db.get(Bytes.utf8("b"))).isEqualTo(Bytes.utf8("3"));
    }

    @Test
    @DisplayName("W2: deleting a key that is absent is not an error and changes nothing")
    void required_deleteOfAbsentKeyIsNoOp() {
        Database db = openNewStore();
        db.put(Bytes.utf8("present"), Bytes.utf8("v"));
        db.delete(Bytes.utf8("absent"));
        db.delete(Bytes.utf8("absent"));
        assertThat(db.get(Bytes.utf8("absent"))).isNull();
        assertThat(db.get(Bytes.utf8("present"))).isEqualTo(Bytes.utf8("v"));
    }

    @Test
    @DisplayName("W1: a put followed by a delete and a put again leaves the last value")
    void required_keyCanBeWrittenAgainAfterDelete() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("1"));
        db.delete(Bytes.utf8("k"));
        db.put(Bytes.utf8("k"), Bytes.utf8("2"));
        assertThat(db.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("2"));
    }

    @Test
    @DisplayName("D4, W3: changing the arrays passed to put after it returns changes nothing in the store")
    void required_putCopiesItsArguments() {
        Database db = openNewStore();
        byte[] key = Bytes.utf8("key");
        byte[] value = Bytes.utf8("value");
        db.put(key, value);
        key[0] = 'X';
        value[0] = 'X';
        assertThat(db.get(Bytes.utf8("key"))).isEqualTo(Bytes.utf8("value"));
        assertThat(db.get(Bytes.utf8("Xey"))).isNull();
    }

    @Test
    @DisplayName("D4: changing an array returned by get changes nothing in the store")
    void required_getReturnsACopy() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("value"));
        byte[] first = db.get(Bytes.utf8("k"));
        first[0] = 'X';
        assertThat(db.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("value"));
    }

    @Test
    @DisplayName("D2: keys made of 0x00 and 0xFF bytes are distinct keys, ordered unsigned, each a prefix-safe key")
    void required_keysWithZeroAndFFBytesAreDistinctAndOrderedUnsigned() {
        Database db = openNewStore();
        List<byte[]> ordered = new ArrayList<>();
        if (capabilities().emptyKeys()) {
            ordered.add(new byte[0]);
        }
        ordered.addAll(List.of(Bytes.of(0x00), Bytes.of(0x00, 0x00), Bytes.of(0x00, 0xFF), Bytes.of(0x01),
                Bytes.of(0x7F), Bytes.of(0x80), Bytes.of(0xFF), Bytes.of(0xFF, 0x00), Bytes.of(0xFF, 0xFF)));
        List<KeyValue> expected = new ArrayList<>();
        for (int i = ordered.size() - 1; i >= 0; i--) {
            db.put(ordered.get(i), Bytes.of(i));
        }
        for (int i = 0; i < ordered.size(); i++) {
            expected.add(new KeyValue(ordered.get(i), Bytes.of(i)));
            assertThat(db.get(ordered.get(i))).as("get(%s)", KeyValue.hex(ordered.get(i))).isEqualTo(Bytes.of(i));
        }
        try (Cursor cursor = db.cursor()) {
            assertThat(KeyValue.drain(cursor)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @DisplayName("D1, W5: the empty byte string is a valid key, distinct from the key 0x00")
    void optional_emptyKeyIsAValidKey() {
        Assumptions.assumeTrue(capabilities().emptyKeys(), "the store does not take empty keys (capabilities)");
        Database db = openNewStore();
        db.put(new byte[0], Bytes.utf8("empty"));
        assertThat(db.get(new byte[0])).isEqualTo(Bytes.utf8("empty"));
        assertThat(db.has(Bytes.of(0x00))).isFalse();
        db.delete(new byte[0]);
        assertThat(db.has(new byte[0])).isFalse();
    }

    @Test
    @DisplayName("W4: null keys and values are refused with NullPointerException")
    void required_nullKeysAndValuesAreRejected() {
        Database db = openNewStore();
        assertThatThrownBy(() -> db.put(null, Bytes.utf8("v"))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.put(Bytes.utf8("k"), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.delete(null)).isInstanceOf(NullPointerException.class);
        assertThat(db.has(Bytes.utf8("k"))).isFalse();
    }

    @Test
    @DisplayName("D1: a value as large as the store allows (up to 16 MiB) comes back byte for byte")
    void required_largestValueRoundTrips() {
        Database db = openNewStore();
        byte[] value = Bytes.pattern(Math.min(capabilities().maxValueBytes(), SIXTEEN_MIB), 7);
        db.put(Bytes.utf8("large"), value);
        assertThat(db.get(Bytes.utf8("large"))).isEqualTo(value);
    }

    @Test
    @DisplayName("D1: a key as long as the store allows (up to 64 KiB) is stored and found")
    void required_longestKeyRoundTrips() {
        Database db = openNewStore();
        byte[] key = Bytes.pattern(Math.min(capabilities().maxKeyBytes(), 64 << 10), 3);
        db.put(key, Bytes.utf8("v"));
        assertThat(db.get(key)).isEqualTo(Bytes.utf8("v"));
        try (Cursor cursor = db.cursor()) {
            assertThat(KeyValue.drain(cursor)).containsExactly(new KeyValue(key, Bytes.utf8("v")));
        }
    }

    @Test
    @DisplayName("D1, W5: a key longer than the store's limit is refused with an exception, never stored cut short")
    void optional_keyLongerThanTheLimitIsRefused() {
        int limit = capabilities().maxKeyBytes();
        Assumptions.assumeTrue(limit != StoreCapabilities.UNLIMITED, "the store has no key limit (capabilities)");
        Database db = openNewStore();
        byte[] key = Bytes.pattern(limit + 1, 5);
        assertThatThrownBy(() -> db.put(key, Bytes.utf8("v")))
                .isInstanceOfAny(IllegalArgumentException.class, StoreException.class)
                .hasMessageContaining(String.valueOf(limit));
        try (Cursor cursor = db.cursor()) {
            assertThat(cursor.next()).as("the store holds a key after refusing it").isFalse();
        }
    }

    @Test
    @DisplayName("D1: a value longer than the store's limit is refused with an exception, never stored cut short")
    void optional_valueLongerThanTheLimitIsRefused() {
        int limit = capabilities().maxValueBytes();
        Assumptions.assumeTrue(limit < SIXTEEN_MIB * 4, "the store has no value limit the suite can reach");
        Database db = openNewStore();
        byte[] value = Bytes.pattern(limit + 1, 5);
        assertThatThrownBy(() -> db.put(Bytes.utf8("k"), value))
                .isInstanceOfAny(IllegalArgumentException.class, StoreException.class);
        assertThat(db.has(Bytes.utf8("k"))).isFalse();
    }

    // --- Edge sizes through batches and cursors: byte order, empty values, longest keys, 16 MiB values,
    // --- and a declared key limit (LMDB's) refused with a message naming it.

    @Test
    @DisplayName("D1, D2: edge keys and values (0x00/0xFF keys, empty values, longest key, 16 MiB value) written in one batch read back in order")
    void required_edgeEntriesTravelThroughABatchAndACursor() {
        Database db = openNewStore();
        List<KeyValue> entries = new ArrayList<>(List.of(
                new KeyValue(Bytes.of(0x00), Bytes.of(1)),
                new KeyValue(Bytes.of(0x00, 0x00, 0xFF), new byte[0]),
                new KeyValue(Bytes.of(0x7F, 0xFF), Bytes.pattern(Math.min(capabilities().maxValueBytes(), SIXTEEN_MIB), 11)),
                new KeyValue(Bytes.of(0x80), new byte[0]),
                new KeyValue(Bytes.of(0xFF, 0xFF, 0xFF), Bytes.of(2)),
                new KeyValue(Bytes.pattern(Math.min(capabilities().maxKeyBytes(), 64 << 10), 13), Bytes.of(3))));
        try (Batch batch = db.newBatch()) {
            entries.forEach(e -> batch.put(e.key(), e.value()));
            batch.write();
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        for (KeyValue e : entries) {
            assertThat(db.get(e.key())).as("get(%s)", KeyValue.hex(e.key())).isEqualTo(e.value());
        }
        try (Cursor cursor = db.cursor()) {
            assertThat(KeyValue.drain(cursor)).containsExactlyElementsOf(entries);
        }
        byte[] longest = entries.stream().map(KeyValue::key).max((a, b) -> a.length - b.length).orElseThrow();
        try (Cursor cursor = db.cursor(longest, new byte[0])) {
            assertThat(KeyValue.drain(cursor)).as("a cursor whose prefix is the longest key")
                    .extracting(KeyValue::value).containsExactly(Bytes.of(3));
        }
    }

    @Test
    @DisplayName("W5: a key longer than the store's limit is refused in a batch too, naming the limit, and never stored")
    void optional_keyLongerThanTheLimitIsRefusedInABatch() {
        int limit = capabilities().maxKeyBytes();
        Assumptions.assumeTrue(limit != StoreCapabilities.UNLIMITED, "the store has no key limit (capabilities)");
        Database db = openNewStore();
        byte[] tooLong = Bytes.pattern(limit + 1, 5);
        try (Batch batch = db.newBatch()) {
            // The store may refuse at put or at write; either way the message must tell the operator the limit.
            assertThatThrownBy(() -> {
                batch.put(tooLong, Bytes.utf8("v"));
                batch.write();
            }).isInstanceOfAny(IllegalArgumentException.class, StoreException.class)
                    .hasMessageContaining(String.valueOf(limit));
        }
        try (Cursor cursor = db.cursor()) {
            assertThat(cursor.next()).as("the store holds a key after refusing the batch").isFalse();
        }
    }

    @Test
    @DisplayName("D6: what was written survives closing the store and opening its spec again")
    void optional_dataSurvivesCloseAndReopen() {
        assumePersistent();
        String spec = newSpec();
        Database first = open(spec, OpenMode.READ_WRITE);
        first.put(Bytes.utf8("kept"), Bytes.utf8("1"));
        first.put(Bytes.utf8("gone"), Bytes.utf8("2"));
        first.delete(Bytes.utf8("gone"));
        try (Batch batch = first.newBatch()) {
            batch.put(Bytes.utf8("batched"), Bytes.utf8("3"));
            batch.write();
        }
        first.close();
        Database second = open(spec, OpenMode.READ_WRITE);
        try (Cursor cursor = second.cursor()) {
            assertThat(KeyValue.drain(cursor)).containsExactly(
                    new KeyValue(Bytes.utf8("batched"), Bytes.utf8("3")),
                    new KeyValue(Bytes.utf8("kept"), Bytes.utf8("1")));
        }
    }

    @Test
    @DisplayName("D9: close is idempotent: closing twice is harmless")
    void required_closeIsIdempotent() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("v"));
        db.close();
        db.close();
    }

    @Test
    @DisplayName("D9: every call but close on a closed store throws StoreClosedException")
    void required_useAfterCloseThrowsStoreClosedException() {
        Database db = openNewStore();
        db.put(Bytes.utf8("k"), Bytes.utf8("v"));
        db.close();
        byte[] k = Bytes.utf8("k");
        assertThatThrownBy(() -> db.get(k)).as("get").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.has(k)).as("has").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.put(k, k)).as("put").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.delete(k)).as("delete").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(db::newBatch).as("newBatch").isInstanceOf(StoreClosedException.class);
        assertThatThrownBy(() -> db.cursor(new byte[0], new byte[0]).close()).as("cursor")
                .isInstanceOf(StoreClosedException.class);
    }

    @Test
    @DisplayName("D7, D8: readers running beside a writer only ever see whole values, never older than one seen before")
    void required_concurrentReadersAndAWriterSeeWholeValues() throws Exception {
        Database db = openNewStore();
        int keys = 16;
        int writes = 4000;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            CountDownLatch readersStarted = new CountDownLatch(3);
            for (int r = 0; r < 3; r++) {
                readers.add(threads.submit(() -> {
                    readersStarted.countDown();
                    return readUntilWriterStops(db, keys, writing);
                }));
            }
            Future<?> writer = threads.submit((Callable<Void>) () -> {
                try {
                    readersStarted.await();
                    for (int generation = 1; generation <= writes; generation++) {
                        db.put(Bytes.ofLong(generation % keys), generationValue(generation));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            writer.get(2, TimeUnit.MINUTES);
            for (Future<Integer> reader : readers) {
                reader.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        for (int k = 0; k < keys; k++) {
            long last = writes;
            while (last % keys != k) {
                last--;
            }
            assertThat(db.get(Bytes.ofLong(k))).as("key %d after the writer finished", k)
                    .isEqualTo(generationValue(last));
        }
    }

    @Test
    @DisplayName("D7: several threads writing and deleting their own keys at once lose nothing")
    void required_concurrentWritersLoseNothing() throws Exception {
        Database db = openNewStore();
        int threadCount = 4;
        int keysPerThread = 500;
        ExecutorService threads = Executors.newFixedThreadPool(threadCount);
        CountDownLatch allReady = new CountDownLatch(threadCount);
        ReferenceModel expected = new ReferenceModel();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                int thread = t;
                writers.add(threads.submit((Callable<Void>) () -> {
                    allReady.countDown();
                    allReady.await();
                    for (int i = 0; i < keysPerThread; i++) {
                        db.put(Bytes.concat(Bytes.of(thread), Bytes.ofLong(i)), Bytes.ofLong(i * 31L + thread));
                        if (i % 3 == 0) {
                            db.delete(Bytes.concat(Bytes.of(thread), Bytes.ofLong(i / 3)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        for (int thread = 0; thread < threadCount; thread++) {
            for (int i = 0; i < keysPerThread; i++) {
                expected.put(Bytes.concat(Bytes.of(thread), Bytes.ofLong(i)), Bytes.ofLong(i * 31L + thread));
                if (i % 3 == 0) {
                    expected.delete(Bytes.concat(Bytes.of(thread), Bytes.ofLong(i / 3)));
                }
            }
        }
        try (Cursor cursor = db.cursor()) {
            assertThat(KeyValue.drain(cursor)).containsExactlyElementsOf(expected.all());
        }
    }

    /** A 64-byte value repeating {@code generation}, so a torn or mixed value is detectable. */
    private static byte[] generationValue(long generation) {
        byte[] value = new byte[64];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(Bytes.ofLong(generation), 0, value, i * 8, 8);
        }
        return value;
    }

    private static int readUntilWriterStops(Database db, int keys, AtomicBoolean writing) {
        long[] lastSeen = new long[keys];
        int reads = 0;
        do {
            for (int k = 0; k < keys; k++) {
                byte[] value = db.get(Bytes.ofLong(k));
                reads++;
                if (value == null) {
                    assertThat(lastSeen[k]).as("key %d vanished after being seen", k).isZero();
                    continue;
                }
                assertThat(value).as("key %d: a value the writer never wrote whole", k)
                        .isEqualTo(generationValue(Bytes.toLong(value, 0)));
                long generation = Bytes.toLong(value, 0);
                assertThat(generation).as("key %d went back in time", k).isGreaterThanOrEqualTo(lastSeen[k]);
                lastSeen[k] = generation;
            }
        } while (writing.get());
        return reads;
    }

    @Test
    @DisplayName("D11: a store opened READ_ONLY serves reads and refuses put, delete and batches with ReadOnlyException")
    void optional_readOnlyOpenRejectsWrites() {
        Assumptions.assumeTrue(capabilities().readOnlyMode(), "the store has no read-only mode (capabilities)");
        String spec = newSpec();
        Database writable = open(spec, OpenMode.READ_WRITE);
        writable.put(Bytes.utf8("k"), Bytes.utf8("v"));
        writable.close();
        Database readOnly = open(spec, OpenMode.READ_ONLY);
        if (capabilities().persistent()) {
            assertThat(readOnly.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("v"));
        }
        assertThatThrownBy(() -> readOnly.put(Bytes.utf8("k"), Bytes.utf8("w"))).as("put")
                .isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(() -> readOnly.delete(Bytes.utf8("k"))).as("delete")
                .isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(() -> {
            try (Batch batch = readOnly.newBatch()) {
                batch.put(Bytes.utf8("k"), Bytes.utf8("w"));
                batch.write();
            }
        }).as("newBatch or write").isInstanceOf(ReadOnlyException.class);
        if (capabilities().persistent()) {
            assertThat(readOnly.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("v"));
        }
    }

    @Test
    @DisplayName("D11: opening READ_ONLY a store that does not exist fails instead of creating it")
    void optional_readOnlyOpenOfMissingStoreFails() {
        Assumptions.assumeTrue(capabilities().readOnlyMode(), "the store has no read-only mode (capabilities)");
        String spec = newSpec();
        assertThatThrownBy(() -> open(spec, OpenMode.READ_ONLY)).isInstanceOf(StoreException.class);
    }

    @Test
    @DisplayName("D11: while another process holds a store open read-write, a read-write open here is refused as in use;"
            + " once it exits the open succeeds and finds the data")
    void optional_secondWriterProcessIsRefused() throws Exception {
        Assumptions.assumeTrue(capabilities().oneWriterProcess(),
                "the store does not keep other writer processes out (capabilities)");
        String spec = newSpec();
        Database first = open(spec, OpenMode.READ_WRITE);
        first.put(Bytes.utf8("k"), Bytes.utf8("v"));
        first.close();
        try (StoreHolder holder = StoreHolder.start(spec)) {
            assertThatThrownBy(() -> open(spec, OpenMode.READ_WRITE))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("in use by another process");
        }
        Database again = open(spec, OpenMode.READ_WRITE);
        assertThat(again.get(Bytes.utf8("k"))).isEqualTo(Bytes.utf8("v"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("org.ethercattle.tck.ModelComparison#seeds")
    @DisplayName("D2, D3, W1, W2, B1, C1, C2: a seeded random mix of puts, deletes, batches and cursors answers exactly like the reference model")
    void required_randomOperationsMatchTheReferenceModel(long seed) {
        Database db = openNewStore();
        new ModelComparison(db, seed, capabilities().emptyKeys()).run(ModelComparison.DEFAULT_STEPS);
    }
}
