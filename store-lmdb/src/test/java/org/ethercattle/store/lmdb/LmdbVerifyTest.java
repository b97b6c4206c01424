package org.ethercattle.store.lmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.spi.OpenMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Verifiable} on LMDB, which keeps no checksums: the pass walks the B-tree and says values are unchecked. */
class LmdbVerifyTest {

    private static final byte[] VALUE = "a-value-to-find-in-data.mdb".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private String spec() {
        return "lmdb:" + dir.resolve("db") + "?mapSize=64m";
    }

    private void write() {
        try (Database db = Stores.open(spec())) {
            for (int i = 0; i < 1000; i++) {
                db.put(String.format("key-%05d", i).getBytes(StandardCharsets.US_ASCII), i == 500 ? VALUE : new byte[40]);
            }
        }
    }

    @Test
    @DisplayName("a clean store: every entry walked, and the report says LMDB keeps no checksums")
    void cleanStoreWalksEveryEntryAndSaysValuesAreUnchecked() {
        write();
        try (Database db = Stores.open(spec(), OpenMode.READ_ONLY)) {
            VerifyReport report = Verifiable.of(db);
            assertThat(report.ok()).isTrue();
            assertThat(report.fullyChecked()).isFalse();
            assertThat(report.findings()).extracting(VerifyReport.Finding::kind)
                    .containsExactly(VerifyReport.Kind.UNCHECKED, VerifyReport.Kind.CHECKED);
            assertThat(report.findings().get(0).detail()).contains("LMDB keeps no checksums")
                    .contains("compare this store with another replica");
            assertThat(report.findings().get(1).detail()).contains("1000 entries");
        }
    }

    @Test
    @DisplayName("flipped value bytes are served and not found: the report says it cannot find them")
    void flippedValueBytesGoUnnoticedAndTheReportSaysSo() throws IOException {
        write();
        Path data = dir.resolve("db").resolve("data.mdb");
        byte[] file = Files.readAllBytes(data);
        int at = indexOf(file, VALUE);
        assertThat(at).isNotNegative();
        file[at] ^= 0x01;
        Files.write(data, file);
        try (Database db = Stores.open(spec(), OpenMode.READ_ONLY)) {
            assertThat(db.get("key-00500".getBytes(StandardCharsets.US_ASCII))).isNotEqualTo(VALUE);
            VerifyReport report = Verifiable.of(db);
            assertThat(report.ok()).isTrue();
            assertThat(report.fullyChecked()).isFalse();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
