package org.ethercattle.ethereum.rawdb.freezer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.xerial.snappy.Snappy;

/**
 * Test-only: writes one freezer table the way geth's source writes it, since no geth-written files are available
 * here. It follows {@code core/rawdb/freezer_batch.go} ({@code appendItem}: an item that would pass the maximum
 * file size starts a new data file at offset 0; its index entry is {@code {headId, end offset}}),
 * {@code freezer_table.go} ({@code truncateTail}: the virtual tail goes to the metadata, whole data files before
 * the new tail file are deleted and the index is rewritten with the tail marker {@code {newTailId, deleted}}
 * first) and {@code freezer_meta.go} (metadata {@code [version 2, virtualTail, flushOffset]}). Items are snappy
 * block-compressed ({@code golang/snappy.Encode}) for {@code .cidx} tables.
 */
final class FreezerTableWriter {

    private final String name;
    private final boolean compressed;
    private final long maxFileSize;
    private final List<IndexEntry> index = new ArrayList<>();
    private final TreeMap<Integer, ByteArrayOutputStream> files = new TreeMap<>();
    private int headId;
    private long virtualTail;
    private int metaVersion = 2;

    /** A new empty table; {@code maxFileSize} is geth's per-data-file limit (2 GB in geth, small in tests). */
    FreezerTableWriter(String name, boolean compressed, long maxFileSize) {
        this.name = name;
        this.compressed = compressed;
        this.maxFileSize = maxFileSize;
        index.add(new IndexEntry(0, 0));
        files.put(0, new ByteArrayOutputStream());
    }

    /** Appends the next item. */
    FreezerTableWriter append(byte[] item) {
        byte[] data = compressed ? compress(item) : item;
        ByteArrayOutputStream head = files.get(headId);
        if (head.size() + data.length > maxFileSize) {
            headId++;
            head = new ByteArrayOutputStream();
            files.put(headId, head);
        }
        head.writeBytes(data);
        index.add(new IndexEntry(headId, head.size()));
        return this;
    }

    /** The number of items written, deleted ones included. */
    long items() {
        return deleted() + index.size() - 1;
    }

    /** geth's {@code truncateTail(items)}: hides items {@code 0 .. items-1} and deletes the data files they fill. */
    FreezerTableWriter truncateTail(long items) {
        if (items <= virtualTail) {
            return this;
        }
        virtualTail = items;
        long deleted = deleted();
        int newTailId = items == items() ? headId : index.get((int) (items - deleted + 1)).fileNumber();
        int tailId = index.get(0).fileNumber();
        if (newTailId == tailId) {
            return this;
        }
        long newDeleted = items;
        for (long current = items - 1; current >= deleted; current--) {
            if (index.get((int) (current - deleted + 1)).fileNumber() != newTailId) {
                break;
            }
            newDeleted = current;
        }
        List<IndexEntry> kept = new ArrayList<>(index.subList((int) (newDeleted - deleted + 1), index.size()));
        index.clear();
        index.add(new IndexEntry(newTailId, newDeleted));
        index.addAll(kept);
        files.headMap(newTailId).clear();
        return this;
    }

    /**
     * Picks the metadata layout: 2 is current geth's {@code [2, virtualTail, flushOffset]}, 1 is older geth's
     * {@code [1, virtualTail]}, 0 writes no {@code .meta} file (geth before table metadata).
     */
    FreezerTableWriter metaVersion(int version) {
        this.metaVersion = version;
        return this;
    }

    /** Writes the index, data and metadata files into {@code dir} (created if needed). */
    void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            ByteArrayOutputStream idx = new ByteArrayOutputStream();
            index.forEach(e -> idx.writeBytes(e.encode()));
            Files.write(dir.resolve(name + (compressed ? ".cidx" : ".ridx")), idx.toByteArray());
            for (var file : files.entrySet()) {
                Files.write(dir.resolve(String.format("%s.%04d.%s", name, file.getKey(), compressed ? "cdat" : "rdat")),
                        file.getValue().toByteArray());
            }
            if (metaVersion > 0) {
                List<org.web3j.rlp.RlpType> fields = new ArrayList<>(List.of(
                        RlpString.create(metaVersion), RlpString.create(virtualTail)));
                if (metaVersion == 2) {
                    fields.add(RlpString.create(idx.size()));
                }
                Files.write(dir.resolve(name + ".meta"), RlpEncoder.encode(new RlpList(fields)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long deleted() {
        return index.get(0).offset();
    }

    private static byte[] compress(byte[] item) {
        try {
            return Snappy.compress(item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
