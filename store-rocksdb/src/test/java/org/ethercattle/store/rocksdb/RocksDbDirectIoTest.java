package org.ethercattle.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.rocksdb.FlushOptions;

/**
 * The {@code directIo} parameter on real file systems: the disk the tests run on, tmpfs, and a store whose
 * probe cannot be written. What RocksDB was opened with is read back from the OPTIONS file it writes.
 */
class RocksDbDirectIoTest {

    /** File systems known to take O_DIRECT. */
    private static final Set<String> DIRECT_IO_FILE_SYSTEMS = Set.of("ext4", "xfs", "btrfs");
    private static final Path SHM = Path.of("/dev/shm");

    @TempDir
    Path dir;

    @Test
    @DisplayName("on a disk file system the default (auto) and directIo=true flush with O_DIRECT, and the data"
            + " reads back after a reopen; directIo=false keeps the page cache")
    void diskFileSystemUsesDirectIo() throws Exception {
        String type = Files.getFileStore(dir).type();
        assumeTrue(DIRECT_IO_FILE_SYSTEMS.contains(type), "the temporary directory is on " + type
                + ", not a file system known to take O_DIRECT");
        assertThat(flushAndReopen("")).as("auto").isTrue();
        assertThat(flushAndReopen("directIo=true")).isTrue();
        assertThat(flushAndReopen("directIo=false")).isFalse();
        try (Stream<Path> files = Files.list(dir.resolve("default"))) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain(".cattle-direct-io-probe");
        }
    }

    @Test
    @DisplayName("where the probe write fails, the default (auto) falls back to the page cache and the store"
            + " works, while directIo=true is a clear error naming the parameter and the fix")
    void probeFailureFallsBackOrFails() throws Exception {
        // A directory where the probe file goes makes the probe fail on any file system. (tmpfs, the usual
        // example of a file system without O_DIRECT, takes it since Linux 6.6.)
        Path store = dir.resolve("no-direct");
        Files.createDirectories(store.resolve(".cattle-direct-io-probe").resolve("in-the-way"));

        assertThatThrownBy(() -> Stores.open("rocksdb:" + store + "?directIo=true"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("rocksdb store at " + store)
                .hasMessageContaining("directIo=true")
                .hasMessageContaining("O_DIRECT")
                .hasMessageContaining("give directIo=auto or directIo=false");
        try (Database db = Stores.open("rocksdb:" + store + "?wal=false")) {
            db.put(utf8("k"), utf8("v"));
            ((RocksDbDatabase) db).rocksDb().flush(new FlushOptions().setWaitForFlush(true));
        }
        assertThat(directIoInOptionsFile(store)).isFalse();
        try (Database db = Stores.open("rocksdb:" + store)) {
            assertThat(db.get(utf8("k"))).isEqualTo(utf8("v"));
        }
    }

    @Test
    @DisplayName("on tmpfs the default (auto) does what directIo=true can: direct I/O where the kernel's tmpfs"
            + " takes O_DIRECT, the page cache where it does not")
    void tmpfsFollowsTheKernel(@TempDir(factory = ShmTempDir.class) Path shm) throws Exception {
        assumeTrue(Files.getFileStore(shm).type().equals("tmpfs"), "no tmpfs at /dev/shm");
        boolean forcedWorks;
        try (Database db = Stores.open("rocksdb:" + shm.resolve("forced") + "?directIo=true")) {
            forcedWorks = true;
        } catch (StoreException e) {
            assertThat(e).hasMessageContaining("O_DIRECT");
            forcedWorks = false;
        }
        Path store = shm.resolve("auto");
        try (Database db = Stores.open("rocksdb:" + store + "?wal=false")) {
            db.put(utf8("k"), utf8("v"));
            ((RocksDbDatabase) db).rocksDb().flush(new FlushOptions().setWaitForFlush(true));
        }
        assertThat(directIoInOptionsFile(store)).isEqualTo(forcedWorks);
        try (Database db = Stores.open("rocksdb:" + store)) {
            assertThat(db.get(utf8("k"))).isEqualTo(utf8("v"));
        }
    }

    /** Writes, flushes and reopens a fresh store with {@code params}; whether it ran with direct I/O. */
    private boolean flushAndReopen(String params) throws Exception {
        Path store = dir.resolve(params.isEmpty() ? "default" : params);
        String spec = "rocksdb:" + store + "?wal=false" + (params.isEmpty() ? "" : "&" + params);
        try (Database db = Stores.open(spec)) {
            for (int i = 0; i < 1000; i++) {
                db.put(utf8("key-" + i), utf8("value-" + i));
            }
            ((RocksDbDatabase) db).rocksDb().flush(new FlushOptions().setWaitForFlush(true));
        }
        try (Database db = Stores.open(spec)) {
            assertThat(db.get(utf8("key-999"))).isEqualTo(utf8("value-999"));
        }
        return directIoInOptionsFile(store);
    }

    /** What the newest OPTIONS file RocksDB wrote says about use_direct_io_for_flush_and_compaction. */
    private static boolean directIoInOptionsFile(Path store) throws IOException {
        Path newest;
        try (Stream<Path> files = Files.list(store)) {
            newest = files.filter(p -> p.getFileName().toString().startsWith("OPTIONS-"))
                    .max((a, b) -> Long.compare(number(a), number(b)))
                    .orElseThrow(() -> new AssertionError("no OPTIONS file in " + store));
        }
        try (Stream<String> lines = Files.lines(newest)) {
            return lines.map(String::trim)
                    .filter(l -> l.startsWith("use_direct_io_for_flush_and_compaction="))
                    .map(l -> Boolean.parseBoolean(l.substring(l.indexOf('=') + 1)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no use_direct_io_for_flush_and_compaction in " + newest));
        }
    }

    private static long number(Path optionsFile) {
        return Long.parseLong(optionsFile.getFileName().toString().substring("OPTIONS-".length()));
    }

    /** A temporary directory on /dev/shm where that is tmpfs; elsewhere the default one, and the test skips. */
    static final class ShmTempDir implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension)
                throws IOException {
            boolean tmpfs = Files.isDirectory(SHM) && Files.getFileStore(SHM).type().equals("tmpfs");
            return tmpfs ? Files.createTempDirectory(SHM, "cattle-direct-io-")
                    : Files.createTempDirectory("cattle-direct-io-");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
