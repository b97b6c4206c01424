package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.spi.OpenMode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link Verifiable} contract: a pass over a whole store that reports, never throws, what it checked
 * and what is damaged, changes nothing, runs beside a writer and on a {@code READ_ONLY} open, and throws
 * {@link StoreClosedException} once the store is closed.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newStoreSpec(Path)}; the store it opens must
 * implement {@link Verifiable}. A store without checksums switches off
 * {@link StoreCapabilities#checksums()}: its pass must then say what it could not check. To have the suite
 * check that damage is found, override {@link #damage(Path)}.
 */
public abstract class VerifiableTck extends StoreSuite {

    /** Entries written by {@link #fill}: with 256-byte values, about 1.3 MB, several table files' worth. */
    private static final int ENTRIES = 5000;
    private static final int VALUE_BYTES = 256;

    /**
     * Damages the store that lives under {@code storeDirectory} (the directory {@link #newStoreSpec(Path)}
     * was given), which holds {@value #ENTRIES} entries and is closed, so that its pass must find it: e.g.
     * flip bytes inside a table file's data blocks ({@link #flipBytesInLargestFile(Path, String...)}).
     * Returns the file damaged, which the report must name (a finding's {@code where} contains its file
     * name), or empty (the default) when the store cannot be damaged that way; the damage test is then
     * skipped.
     */
    protected Optional<Path> damage(Path storeDirectory) throws IOException {
        return Optional.empty();
    }

    /**
     * XORs 64 bytes a third of the way into the largest file under {@code directory} whose name ends with one
     * of {@code suffixes} (for a table file: inside its data blocks, far from its index and footer), and
     * returns that file.
     */
    public static Path flipBytesInLargestFile(Path directory, String... suffixes) throws IOException {
        Path file;
        try (Stream<Path> files = Files.walk(directory)) {
            file = files.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .max(Comparator.comparingLong(f -> f.toFile().length()))
                    .orElseThrow(() -> new IllegalStateException("no file ending with " + List.of(suffixes)
                            + " under " + directory));
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long at = raf.length() / 3;
            byte[] bytes = new byte[64];
            raf.seek(at);
            raf.readFully(bytes);
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] ^= (byte) 0x5A;
            }
            raf.seek(at);
            raf.write(bytes);
        }
        return file;
    }

    @Test
    @DisplayName("V1: the store the factory opens implements Verifiable")
    void required_storeIsVerifiable() {
        assertThat(openNewStore()).isInstanceOf(Verifiable.class);
    }

    @Test
    @DisplayName("V2: an empty store verifies sound, and the report names the store")
    void required_emptyStoreIsSound() {
        VerifyReport report = verify(openNewStore());
        assertThat(report.ok()).as("%s", report.findings()).isTrue();
        assertThat(report.store()).isNotBlank();
    }

    @Test
    @DisplayName("V2, V3: a store holding data, reopened so it is in the store's files, verifies sound; every finding says"
            + " where and what; with checksums every part is checked, without them the report says so")
    void required_storeWithDataIsSound() {
        String spec = newSpec();
        fill(open(spec, OpenMode.READ_WRITE));
        Database db = reopen(spec, OpenMode.READ_WRITE);
        VerifyReport report = verify(db);
        assertThat(report.ok()).as("%s", report.findings()).isTrue();
        assertThat(report.damage()).isEmpty();
        assertThat(report.findings()).as("a pass reports what it checked").isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.where()).as("where of %s", f).isNotBlank();
                    assertThat(f.detail()).as("detail of %s", f).isNotBlank();
                });
        if (capabilities().checksums()) {
            assertThat(report.fullyChecked()).as("%s", report.findings()).isTrue();
            assertThat(report.findings()).anyMatch(f -> f.kind() == VerifyReport.Kind.CHECKED);
        } else {
            assertThat(report.fullyChecked()).as("a store without checksums says what it could not check: %s",
                    report.findings()).isFalse();
        }
    }

    @Test
    @DisplayName("V4: verifying changes nothing: the same entries before and after, also after a reopen")
    void required_verifyChangesNothing() {
        String spec = newSpec();
        Database db = open(spec, OpenMode.READ_WRITE);
        fill(db);
        db.delete(key(7));
        List<KeyValue> before = entries(db);
        verify(db);
        verify(db);
        assertThat(entries(db)).containsExactlyElementsOf(before);
        if (capabilities().persistent()) {
            assertThat(entries(reopen(spec, OpenMode.READ_WRITE))).containsExactlyElementsOf(before);
        }
    }

    @Test
    @DisplayName("V6: verifying a READ_ONLY open of a store with data works and finds it sound")
    void optional_readOnlyOpenVerifies() {
        assumePersistent();
        Assumptions.assumeTrue(capabilities().readOnlyMode(), "the store has no read-only mode (capabilities)");
        String spec = newSpec();
        fill(open(spec, OpenMode.READ_WRITE));
        Database readOnly = reopen(spec, OpenMode.READ_ONLY);
        VerifyReport report = verify(readOnly);
        assertThat(report.ok()).as("%s", report.findings()).isTrue();
        assertThat(report.findings()).isNotEmpty();
    }

    @Test
    @DisplayName("V5: a pass beside a writer committing batches finds the store sound, and the writer's batches all land")
    void required_verifyBesideAWriter() throws Exception {
        Database db = openNewStore();
        fill(db);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> written = writer.submit(() -> {
                int batches = 0;
                byte[] value = new byte[VALUE_BYTES];
                while (!stop.get() || batches < 10) {
                    try (Batch batch = db.newBatch()) {
                        for (int i = 0; i < 100; i++) {
                            value[0] = (byte) i;
                            batch.put(key(ENTRIES + batches * 100 + i), value);
                        }
                        batch.delete(key(batches));
                        batch.write();
                    }
                    batches++;
                }
                return batches;
            });
            for (int pass = 0; pass < 3; pass++) {
                VerifyReport report = verify(db);
                assertThat(report.ok()).as("pass %d: %s", pass, report.findings()).isTrue();
            }
            stop.set(true);
            int batches = written.get();
            assertThat(db.get(key(ENTRIES + batches * 100 - 1))).isNotNull();
            assertThat(db.get(key(batches - 1))).isNull();
        } finally {
            stop.set(true);
            writer.shutdownNow();
            writer.awaitTermination(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(verify(db).ok()).isTrue();
    }

    @Test
    @DisplayName("V7: verify on a closed store throws StoreClosedException")
    void required_verifyAfterCloseThrows() {
        Database db = Stores.open(newSpec());
        db.close();
        assertThatThrownBy(() -> ((Verifiable) db).verify()).isInstanceOf(StoreClosedException.class);
    }

    @Test
    @DisplayName("V2: a store damaged on disk (the adapter's damage hook) opens, and its pass reports damage naming the"
            + " file, instead of throwing")
    void optional_damageIsReported() throws IOException {
        assumePersistent();
        Path directory = newDirectory("verified");
        String spec = newStoreSpec(directory);
        try (Database db = Stores.open(spec)) {
            fill(db);
        }
        Optional<Path> damaged = damage(directory);
        Assumptions.assumeTrue(damaged.isPresent(), "the adapter gives no way to damage its store (damage hook)");
        VerifyReport report = verify(open(spec, OpenMode.READ_WRITE));
        assertThat(report.ok()).as("%s", report.findings()).isFalse();
        assertThat(report.damage()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(VerifyReport.Kind.DAMAGE);
            assertThat(f.detail()).isNotBlank();
        });
        assertThat(report.damage()).as("a damage finding names %s", damaged.get())
                .anyMatch(f -> f.where().contains(damaged.get().getFileName().toString()));
    }

    // ---------------------------------------------------------------- helpers

    private static VerifyReport verify(Database db) {
        assertThat(db).as("the store under test must implement Verifiable").isInstanceOf(Verifiable.class);
        VerifyReport report = ((Verifiable) db).verify();
        assertThat(report).isNotNull();
        return report;
    }

    /** Writes {@value #ENTRIES} entries in batches of 500 and closes nothing. */
    private static void fill(Database db) {
        byte[] value = new byte[VALUE_BYTES];
        for (int b = 0; b < ENTRIES / 500; b++) {
            try (Batch batch = db.newBatch()) {
                for (int i = 0; i < 500; i++) {
                    int n = b * 500 + i;
                    for (int j = 0; j < value.length; j++) {
                        value[j] = (byte) (n * 31 + j); // not all zeros, so compression leaves real data blocks
                    }
                    batch.put(key(n), value);
                }
                batch.write();
            }
        }
    }

    /** Closes every store the test opened so far, then opens {@code spec} again in {@code mode}. */
    private Database reopen(String spec, OpenMode mode) {
        closeEverythingOpened();
        return open(spec, mode);
    }

    private static byte[] key(int n) {
        return String.format("tck-verify-%08d", n).getBytes(StandardCharsets.US_ASCII);
    }

    private static List<KeyValue> entries(Database db) {
        try (Cursor cursor = db.cursor()) {
            return KeyValue.drain(cursor);
        }
    }
}
