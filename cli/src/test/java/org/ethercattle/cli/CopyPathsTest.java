package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cattle copy --force}, {@code cattle snapshot} and {@code cattle flatten --into} refuse a destination that is their source under
 * another name, or lies inside it, before anything is deleted or written: one error line, exit
 * {@link Cattle#EXIT_ERROR}, and the source store still holds its keys.
 */
class CopyPathsTest {

    private static final byte[] KEY = "key".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "value".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path source;
    private CapturedCattle cattle;

    @BeforeEach
    void sourceStoreWithOneKey() {
        source = dir.resolve("source");
        try (Database db = Stores.open("rocksdb:" + source)) {
            db.put(KEY, VALUE);
        }
    }

    private int cattle(String... args) {
        cattle = new CapturedCattle();
        return cattle.run(args);
    }

    private void assertRefusedAndSourceIntact(int exit, String relation) {
        assertThat(exit).isEqualTo(Cattle.EXIT_ERROR);
        assertThat(cattle.err().lines()).hasSize(1).first().asString()
                .contains(relation, source.toString(), "choose a destination outside the source");
        try (Database db = Stores.open("rocksdb:" + source, OpenMode.READ_ONLY)) {
            assertThat(db.get(KEY)).isEqualTo(VALUE);
        }
    }

    private int copyForce(String to) {
        return cattle("copy", "--force", "--from", "rocksdb:" + source, "--to", to);
    }

    @Test
    @DisplayName("copy --force onto the source written with a trailing slash is refused")
    void copyOntoSourceWithTrailingSlash() {
        assertRefusedAndSourceIntact(copyForce("rocksdb:" + source + "/"), "is the same directory as");
    }

    @Test
    @DisplayName("copy --force onto the source written with ./ and ../ segments is refused")
    void copyOntoSourceWithDotSegments() {
        assertRefusedAndSourceIntact(copyForce("rocksdb:" + dir + "/./other/../source/."), "is the same directory as");
    }

    @Test
    @DisplayName("copy --force onto a symbolic link to the source is refused, also into another store kind")
    void copyOntoSymlinkToSource() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), source);
        assertRefusedAndSourceIntact(copyForce("rocksdb:" + link), "is the same directory as");
        assertRefusedAndSourceIntact(copyForce("leveldb:" + link), "is the same directory as");
    }

    @Test
    @DisplayName("copy into a directory inside the source, or into one that holds the source, is refused")
    void copyInsideOrAroundSource() {
        assertRefusedAndSourceIntact(copyForce("lmdb:" + source.resolve("inner")), "lies inside");
        assertThat(source.resolve("inner")).doesNotExist();
        assertRefusedAndSourceIntact(copyForce("rocksdb:" + dir), "holds");
    }

    @Test
    @DisplayName("copy onto the source as the top of a layered store is refused")
    void copyOntoLayeredTop() {
        Path bottom = dir.resolve("bottom");
        try (Database db = Stores.open("rocksdb:" + bottom)) {
            db.put(KEY, VALUE);
        }
        assertRefusedAndSourceIntact(copyForce("layered:?top=rocksdb:" + source + "/&bottom=rocksdb:" + bottom),
                "is the same directory as");
    }

    @Test
    @DisplayName("snapshot into the store's own directory (via a symlink) or inside it is refused")
    void snapshotIntoSource() throws Exception {
        assertRefusedAndSourceIntact(cattle("snapshot", "--store", "rocksdb:" + source, "--to",
                source.resolve("snap").toString()), "lies inside");
        assertThat(source.resolve("snap")).doesNotExist();
        Path link = Files.createSymbolicLink(dir.resolve("link"), source);
        assertRefusedAndSourceIntact(cattle("snapshot", "--store", "rocksdb:" + source, "--to",
                link + "/./snap"), "lies inside");
    }

    @Test
    @DisplayName("flatten --into the layered store's own top (written with a trailing slash) is refused")
    void flattenIntoItsOwnTop() {
        Path bottom = dir.resolve("bottom");
        try (Database db = Stores.open("rocksdb:" + bottom)) {
            db.put(KEY, VALUE);
        }
        assertRefusedAndSourceIntact(cattle("flatten", "--store", "layered:?top=rocksdb:" + source + "&bottom=rocksdb:"
                + bottom, "--into", "rocksdb:" + source + "/"), "is the same directory as");
    }

    @Test
    @DisplayName("copy and snapshot to a sibling of the source still work")
    void siblingDestinationWorks() {
        assertThat(copyForce("rocksdb:" + dir.resolve("source-copy"))).isEqualTo(0);
        assertThat(cattle("snapshot", "--store", "rocksdb:" + source, "--to", dir.resolve("source-snap").toString()))
                .isEqualTo(0);
        try (Database db = Stores.open("rocksdb:" + dir.resolve("source-copy"), OpenMode.READ_ONLY)) {
            assertThat(db.get(KEY)).isEqualTo(VALUE);
        }
    }
}
