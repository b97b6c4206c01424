package org.ethercattle.ethereum.rawdb.freezer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ethercattle.api.StoreException;
import org.ethercattle.ethereum.rawdb.Ancients;

/**
 * A real go-ethereum chain freezer directory ({@code chaindata/ancient/chain} in newer geth,
 * {@code chaindata/ancient} in older), read-only, in the layout of geth's {@code core/rawdb/freezer*.go}: per
 * table an index ({@code <table>.cidx} for snappy-compressed items, {@code .ridx} for raw ones), data files
 * {@code <table>.<NNNN>.cdat}/{@code .rdat} and a {@code <table>.meta} file.
 *
 * <p>{@link #count()} is the smallest item count of the hashes, headers, bodies and receipts tables (geth
 * truncates them to agree on open). The diffs table is optional: newer geth stopped writing total difficulties
 * and no longer opens the table, so a leftover one neither limits the count nor needs to be complete. A block
 * below a table's tail (history geth pruned) reads as empty.
 *
 * <p>The freezer is a view as of {@link #open}: blocks geth freezes afterwards are not seen until it is opened
 * again. Safe for concurrent readers; {@link #get} returns a fresh array the caller owns.
 */
public final class GethFreezer implements Ancients {

    private static final List<String> REQUIRED = List.of(HASHES, HEADERS, BODIES, RECEIPTS);

    private final Path dir;
    private final Map<String, FreezerTable> tables;
    private final long count;

    private GethFreezer(Path dir, Map<String, FreezerTable> tables, long count) {
        this.dir = dir;
        this.tables = tables;
        this.count = count;
    }

    /**
     * Opens the chain freezer under {@code chaindataOrAncientDir}: geth's {@code chaindata} directory, its
     * {@code ancient} directory, or the {@code ancient/chain} directory itself (the freezer of a geth run with
     * {@code --datadir.ancient} is found by passing that directory).
     *
     * @throws StoreException when no freezer is there, a required table is missing, or a table is damaged
     */
    public static GethFreezer open(Path chaindataOrAncientDir) {
        Path dir = locate(chaindataOrAncientDir);
        Map<String, FreezerTable> tables = new LinkedHashMap<>();
        try {
            for (String name : REQUIRED) {
                // geth's chainFreezerTableConfigs: only the hashes are stored raw (they do not compress).
                FreezerTable table = FreezerTable.open(dir, name, !name.equals(HASHES))
                        .orElseThrow(() -> new StoreException("geth freezer " + dir + " has no " + name
                                + " table (" + name + ".cidx or " + name + ".ridx): the freezer is incomplete; "
                                + "restore it from a backup or resync geth"));
                tables.put(name, table);
            }
            // Older geth wrote total difficulties raw (chainFreezerNoSnappy: diffs true).
            FreezerTable.open(dir, DIFFS, false).ifPresent(t -> tables.put(DIFFS, t));
        } catch (RuntimeException e) {
            tables.values().forEach(FreezerTable::close);
            throw e;
        }
        long count = REQUIRED.stream().mapToLong(n -> tables.get(n).items()).min().orElseThrow();
        return new GethFreezer(dir, tables, count);
    }

    /** The directory the tables were read from. */
    public Path directory() {
        return dir;
    }

    /** The first block whose data is in {@code table}, 0 unless geth pruned history from it. */
    public long tail(String table) {
        FreezerTable t = tables.get(requireKnown(table));
        return t == null ? count : Math.min(t.tail(), count);
    }

    @Override
    public long count() {
        return count;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code table} is not one of the {@link Ancients} table names
     */
    @Override
    public Optional<byte[]> get(String table, long number) {
        FreezerTable t = tables.get(requireKnown(table));
        if (t == null || number < 0 || number >= count) {
            return Optional.empty();
        }
        return t.read(number);
    }

    @Override
    public void close() {
        tables.values().forEach(FreezerTable::close);
    }

    private static String requireKnown(String table) {
        if (!REQUIRED.contains(table) && !DIFFS.equals(table)) {
            throw new IllegalArgumentException("unknown freezer table '" + table + "': use one of "
                    + List.of(HASHES, HEADERS, BODIES, RECEIPTS, DIFFS));
        }
        return table;
    }

    private static Path locate(Path given) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(given.resolve("ancient").resolve("chain"));
        candidates.add(given.resolve("ancient"));
        candidates.add(given.resolve("chain"));
        candidates.add(given);
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve(HASHES + ".ridx")) || Files.isRegularFile(c.resolve(HASHES + ".cidx"))) {
                return c;
            }
        }
        throw new StoreException("no geth freezer under " + given + ": looked for hashes.ridx in " + candidates
                + "; pass geth's chaindata directory (e.g. ~/.ethereum/geth/chaindata) or its ancient directory "
                + "(the --datadir.ancient one if geth was run with it)");
    }
}
