package org.ethercattle.ethereum.rawdb.freezer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ethercattle.api.StoreException;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyError;

/**
 * One table of a geth freezer, opened read-only: an index file, the data files it names and the metadata file,
 * laid out as geth's {@code core/rawdb/freezer_table.go} writes them.
 *
 * <p>The table is a view as of {@link #open}: items geth appends later are not seen. Reads use positional
 * {@link FileChannel} reads only, so concurrent readers need no lock.
 */
final class FreezerTable implements AutoCloseable {

    private final String name;
    private final Path indexFile;
    private final boolean compressed;
    private final FileChannel index;
    private final Map<Integer, FileChannel> dataFiles;
    private final Map<Integer, Path> dataPaths;
    private final long deleted;
    private final long hidden;
    private final long items;

    private FreezerTable(String name, Path indexFile, boolean compressed, FileChannel index,
            Map<Integer, FileChannel> dataFiles, Map<Integer, Path> dataPaths, long deleted, long hidden,
            long items) {
        this.name = name;
        this.indexFile = indexFile;
        this.compressed = compressed;
        this.index = index;
        this.dataFiles = dataFiles;
        this.dataPaths = dataPaths;
        this.deleted = deleted;
        this.hidden = hidden;
        this.items = items;
    }

    /**
     * Opens table {@code name} in {@code dir}, or returns empty when it has no index file there. The index kind
     * is taken from the files present: {@code .cidx} (snappy items) or {@code .ridx} (raw items); when both are
     * present, {@code compressedByDefault} (geth's table config) picks the one geth would open.
     *
     * @throws StoreException when the index is truncated or a data file it names is missing or too short
     */
    static Optional<FreezerTable> open(Path dir, String name, boolean compressedByDefault) {
        Path cidx = dir.resolve(name + ".cidx");
        Path ridx = dir.resolve(name + ".ridx");
        boolean hasC = Files.isRegularFile(cidx);
        boolean hasR = Files.isRegularFile(ridx);
        if (!hasC && !hasR) {
            return Optional.empty();
        }
        boolean compressed = hasC && hasR ? compressedByDefault : hasC;
        Path indexFile = compressed ? cidx : ridx;
        FileChannel index = null;
        Map<Integer, FileChannel> data = new HashMap<>();
        try {
            index = FileChannel.open(indexFile, StandardOpenOption.READ);
            long size = index.size();
            if (size == 0 || size % IndexEntry.SIZE != 0) {
                throw new StoreException("freezer index " + indexFile + " is " + size + " bytes, not a non-zero "
                        + "multiple of " + IndexEntry.SIZE + ": it was cut short mid-entry (a crash or a partial "
                        + "copy); let geth open the datadir once so it repairs the table, or restore the freezer "
                        + "from a backup");
            }
            IndexEntry first = entryAt(index, 0, indexFile);
            IndexEntry last = entryAt(index, size / IndexEntry.SIZE - 1, indexFile);
            long entries = size / IndexEntry.SIZE;
            long deleted = first.offset();
            // With no items left, the last entry is the tail marker; its offset counts items, not bytes.
            int headFile = entries == 1 ? first.fileNumber() : last.fileNumber();
            long headBytes = entries == 1 ? 0 : last.offset();
            if (headFile < first.fileNumber()) {
                throw new StoreException("freezer index " + indexFile + " ends in data file " + headFile
                        + " but starts at file " + first.fileNumber() + ": the index is damaged; restore the "
                        + "freezer from a backup");
            }
            Map<Integer, Path> paths = new HashMap<>();
            for (int f = first.fileNumber(); f <= headFile; f++) {
                Path p = dir.resolve(String.format("%s.%04d.%s", name, f, compressed ? "cdat" : "rdat"));
                paths.put(f, p);
                try {
                    data.put(f, FileChannel.open(p, StandardOpenOption.READ));
                } catch (NoSuchFileException e) {
                    throw new StoreException("freezer data file " + p + " is missing, but index " + indexFile
                            + " names data files " + first.fileNumber() + ".." + headFile + ": restore the file "
                            + "from a backup or resync geth's ancient data", e);
                }
            }
            long headSize = data.get(headFile).size();
            if (headSize < headBytes) {
                throw new StoreException("freezer data file " + paths.get(headFile) + " is " + headSize
                        + " bytes, but index " + indexFile + " says its last item ends at " + headBytes
                        + ": the data file was cut short; let geth open the datadir once so it repairs the "
                        + "table, or restore the freezer from a backup");
            }
            long hidden = Math.max(deleted, TableMeta.read(dir.resolve(name + ".meta")).virtualTail());
            return Optional.of(new FreezerTable(name, indexFile, compressed, index, data, paths, deleted, hidden,
                    deleted + entries - 1));
        } catch (IOException e) {
            closeAll(index, data);
            throw new StoreException("cannot open freezer table " + name + " in " + dir + ": " + e
                    + "; check that the directory is readable", e);
        } catch (RuntimeException e) {
            closeAll(index, data);
            throw e;
        }
    }

    /** The number of items ever stored, deleted ones included: items {@code 0 .. items()-1} were written. */
    long items() {
        return items;
    }

    /** The first readable item: items below it were pruned (deleted or hidden by geth's tail truncation). */
    long tail() {
        return hidden;
    }

    /**
     * Item {@code number}, decompressed, or empty when it was pruned or never written.
     *
     * @throws StoreException when the index or data is damaged (names the file, the item and the fix)
     */
    Optional<byte[]> read(long number) {
        if (number < hidden || number >= items) {
            return Optional.empty();
        }
        long position = number - deleted;
        ByteBuffer pair = ByteBuffer.allocate(2 * IndexEntry.SIZE);
        try {
            readFully(index, pair, position * IndexEntry.SIZE, indexFile, number);
            pair.flip();
            IndexEntry start = IndexEntry.read(pair);
            IndexEntry end = IndexEntry.read(pair);
            // geth's bounds(): the first entry is the tail marker and an item never spans files, so an item
            // whose start is in another file starts at offset 0 of its own file.
            long from = position == 0 || start.fileNumber() != end.fileNumber() ? 0 : start.offset();
            FileChannel file = dataFiles.get(end.fileNumber());
            if (file == null || end.offset() < from) {
                throw new StoreException("freezer index " + indexFile + " is damaged at item " + number
                        + " (entry names data file " + end.fileNumber() + " bytes " + from + ".." + end.offset()
                        + ", open files " + dataFiles.keySet() + "); restore the freezer from a backup");
            }
            Path path = dataPaths.get(end.fileNumber());
            if (file.size() < end.offset()) {
                throw new StoreException("item " + number + " of freezer table " + name + " ends at byte "
                        + end.offset() + " of " + path + ", past the file's end (" + file.size() + " bytes): the "
                        + "data file was cut short; restore it from a backup or resync geth's ancient data");
            }
            ByteBuffer blob = ByteBuffer.allocate(Math.toIntExact(end.offset() - from));
            readFully(file, blob, from, path, number);
            return Optional.of(compressed ? uncompress(blob.array(), path, number, from) : blob.array());
        } catch (ClosedChannelException e) {
            throw new StoreException("freezer table " + name + " (" + indexFile + ") is closed; open the "
                    + "freezer again to read item " + number, e);
        } catch (IOException e) {
            throw new StoreException("cannot read item " + number + " of freezer table " + name + " ("
                    + indexFile + "): " + e + "; check the disk", e);
        }
    }

    private byte[] uncompress(byte[] blob, Path path, long number, long from) {
        try {
            return Snappy.uncompress(blob);
        } catch (IOException | SnappyError | RuntimeException e) {
            throw new StoreException("item " + number + " of freezer table " + name + " (" + path + " bytes "
                    + from + ".." + (from + blob.length) + ") is not valid snappy data (" + e.getMessage()
                    + "): the data file is corrupt; restore it from a backup or resync geth's ancient data", e);
        }
    }

    private static IndexEntry entryAt(FileChannel index, long entry, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(IndexEntry.SIZE);
        readFully(index, b, entry * IndexEntry.SIZE, file, entry);
        b.flip();
        return IndexEntry.read(b);
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long at, Path file, long item)
            throws IOException {
        long position = at;
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                throw new StoreException("freezer file " + file + " ended at byte " + position + " while reading "
                        + "item " + item + ": the file was cut short; restore the freezer from a backup");
            }
            position += n;
        }
    }

    /** Closes the index and data files; idempotent. */
    @Override
    public void close() {
        closeAll(index, dataFiles);
    }

    private static void closeAll(FileChannel index, Map<Integer, FileChannel> data) {
        try {
            if (index != null) {
                index.close();
            }
            for (FileChannel c : data.values()) {
                c.close();
            }
        } catch (IOException e) {
            // Read-only channels hold no unwritten data: a failed close loses nothing.
        }
    }
}
