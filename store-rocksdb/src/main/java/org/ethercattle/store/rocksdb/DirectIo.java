package org.ethercattle.store.rocksdb;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ethercattle.api.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code directIo} spec parameter: whether RocksDB's flushes and compactions read and write their files
 * with {@code O_DIRECT}, bypassing the page cache.
 *
 * <p>Why it is on where it can be: a replica writes every byte it replays into new table files. Through the
 * page cache, copying those bytes into the kernel was the largest single cost of RocksDB's flush thread in a
 * day-long catch-up, and the written files pushed the pages readers use out of the cache. Not every file
 * system takes {@code O_DIRECT} (tmpfs does not), and RocksDB would only find out at its first flush, as a
 * background error that stops all writes; so the store's directory is probed when the store opens.
 */
enum DirectIo {
    /** Direct I/O where the store's file system supports it, the page cache elsewhere. */
    AUTO,
    /** Direct I/O; opening fails where the file system does not support it. */
    TRUE,
    /** The page cache, RocksDB's own default. */
    FALSE;

    private static final Logger LOG = LoggerFactory.getLogger(DirectIo.class);
    private static final String PROBE = ".cattle-direct-io-probe";

    /**
     * Whether a store in {@code dir} (an existing directory) uses direct I/O for flushes and compactions.
     *
     * @throws StoreException for {@link #TRUE} on a file system without {@code O_DIRECT}
     */
    boolean resolve(Path dir) {
        if (this == FALSE) {
            return false;
        }
        String unsupported = probe(dir);
        if (unsupported == null) {
            return true;
        }
        if (this == TRUE) {
            throw new StoreException("rocksdb store at " + dir + ": directIo=true, but its file system does not"
                    + " take O_DIRECT (" + unsupported + "); give directIo=auto or directIo=false, or put the store"
                    + " on a disk file system such as ext4 or xfs");
        }
        LOG.info("rocksdb store at {}: its file system does not take O_DIRECT ({}); flushes and compactions go"
                + " through the page cache", dir, unsupported);
        return false;
    }

    /** Writes one aligned block to a probe file with {@code O_DIRECT}; null if that worked, else why not. */
    private static String probe(Path dir) {
        Path probe = dir.resolve(PROBE);
        try {
            int block = (int) Math.max(4096, Files.getFileStore(dir).getBlockSize());
            ByteBuffer aligned = ByteBuffer.allocateDirect(2 * block).alignedSlice(block);
            aligned.limit(block);
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING, ExtendedOpenOption.DIRECT)) {
                channel.write(aligned);
            }
            return null;
        } catch (IOException | UnsupportedOperationException e) {
            return String.valueOf(e);
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                LOG.warn("rocksdb store at {}: could not delete {}: {}", dir, probe, e.toString());
            }
        }
    }
}
