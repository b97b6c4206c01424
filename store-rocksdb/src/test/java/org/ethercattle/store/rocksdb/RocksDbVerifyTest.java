package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.tck.VerifiableTck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Verifiable} on RocksDB: real table files on disk, damaged by flipping bytes in their data blocks. */
class RocksDbVerifyTest {

    @TempDir
    Path dir;

    /** No compression, so the bytes flipped are the data blocks' own; no WAL, so close flushes a table file. */
    private String spec() {
        return "rocksdb:" + dir.resolve("db") + "?compression=none&wal=false";
    }

    private void writeAndClose() {
        try (Database db = Stores.open(spec())) {
            byte[] value = new byte[100];
            for (int b = 0; b < 20; b++) {
                try (Batch batch = db.newBatch()) {
                    for (int i = 0; i < 1000; i++) {
                        value[0] = (byte) i;
                        batch.put(String.format("key-%08d", b * 1000 + i).getBytes(StandardCharsets.US_ASCII), value);
                    }
                    batch.write();
                }
            }
        }
    }

    private List<Path> tableFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("db"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sst")).sorted().toList();
        }
    }

    @Test
    @DisplayName("a clean store verifies with every table file checked")
    void cleanStoreIsOk() throws IOException {
        writeAndClose();
        assertThat(tableFiles()).isNotEmpty();
        try (Database db = Stores.open(spec(), OpenMode.READ_ONLY)) {
            VerifyReport report = Verifiable.of(db);
            assertThat(report.ok()).isTrue();
            assertThat(report.fullyChecked()).isTrue();
            assertThat(report.findings()).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(VerifyReport.Kind.CHECKED);
                assertThat(f.detail()).contains(tableFiles().size() + " table file(s)");
            });
        }
    }

    @Test
    @DisplayName("flipped bytes in a table file's data blocks are damage naming that file, though the store opens")
    void flippedBytesAreDamageNamingTheFile() throws IOException {
        writeAndClose();
        Path table = VerifiableTck.flipBytesInLargestFile(dir.resolve("db"), ".sst");
        try (Database db = Stores.open(spec(), OpenMode.READ_ONLY)) {
            VerifyReport report = Verifiable.of(db);
            assertThat(report.ok()).isFalse();
            assertThat(report.damage()).singleElement().satisfies(f -> {
                assertThat(f.where()).isEqualTo(table.toString());
                assertThat(f.detail()).containsIgnoringCase("checksum");
            });
        }
    }
}
