package org.ethercattle.ethereum.rawdb.freezer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GethFreezer} reads a geth chain freezer: every block of the execution-apis test chain comes back
 * byte-identical, directly and through {@link ChainReader}, across data-file rollovers, pruned tails and the
 * older layouts; damage is reported naming the file and the fix.
 *
 * <p>No geth-written freezer is available here, so the files are written by {@link FreezerTableWriter}, which
 * follows geth's source ({@code core/rawdb/freezer_table.go}, {@code freezer_batch.go}, {@code freezer_meta.go}).
 */
class GethFreezerTest {

    /** Small enough that every table rolls over into several data files. */
    private static final long SMALL_FILES = 2048;
    private static final int BLOCKS = 0x37;

    @TempDir
    Path tmp;

    private Path newGethLayout(Map<String, FreezerTableWriter> tables) {
        Path chaindata = tmp.resolve("geth").resolve("chaindata");
        FrozenTestChain.write(tables, chaindata.resolve("ancient").resolve("chain"));
        return chaindata;
    }

    private Path freezerDir() {
        return tmp.resolve("geth").resolve("chaindata").resolve("ancient").resolve("chain");
    }

    @Test
    @DisplayName("every table's blob of every block reads back as written, across data-file rollovers")
    void roundTrip() throws IOException {
        Path chaindata = newGethLayout(FrozenTestChain.tables(SMALL_FILES));
        try (Stream<Path> files = Files.list(freezerDir())) {
            assertThat(files.filter(p -> p.getFileName().toString().matches("headers\\.\\d{4}\\.cdat")))
                    .as("the headers rolled over into several data files").hasSizeGreaterThan(2);
        }
        List<Block> blocks = FrozenTestChain.blocks();
        List<byte[]> tds = FrozenTestChain.totalDifficulties();
        try (GethFreezer freezer = GethFreezer.open(chaindata)) {
            assertThat(freezer.directory()).isEqualTo(freezerDir());
            assertThat(freezer.count()).isEqualTo(BLOCKS);
            for (Block b : blocks) {
                long n = b.number();
                assertThat(freezer.get(Ancients.HASHES, n)).hasValueSatisfying(v -> assertThat(v).isEqualTo(b.hash()));
                assertThat(freezer.get(Ancients.HEADERS, n))
                        .hasValueSatisfying(v -> assertThat(v).isEqualTo(b.header().rlp()));
                assertThat(freezer.get(Ancients.BODIES, n))
                        .hasValueSatisfying(v -> assertThat(v).isEqualTo(b.body().rlp()));
                assertThat(freezer.get(Ancients.RECEIPTS, n))
                        .hasValueSatisfying(v -> assertThat(v).isEqualTo(FrozenTestChain.receipts(n)));
                assertThat(freezer.get(Ancients.DIFFS, n))
                        .hasValueSatisfying(v -> assertThat(v).isEqualTo(tds.get((int) n)));
            }
            assertThat(freezer.get(Ancients.HEADERS, BLOCKS)).isEmpty();
            assertThat(freezer.get(Ancients.HEADERS, -1)).isEmpty();
        }
    }

    @Test
    @DisplayName("a ChainReader over an empty store serves every frozen block from the freezer")
    void throughChainReader() {
        Path chaindata = newGethLayout(FrozenTestChain.tables(SMALL_FILES));
        BigInteger td = BigInteger.ZERO;
        try (Database empty = MemoryDatabase.open(); GethFreezer freezer = GethFreezer.open(chaindata)) {
            ChainReader reader = new ChainReader(empty, freezer);
            for (Block b : FrozenTestChain.blocks()) {
                long n = b.number();
                td = td.add(b.header().difficulty());
                assertThat(reader.canonicalHash(n)).hasValueSatisfying(h -> assertThat(h).isEqualTo(b.hash()));
                Block read = reader.block(n, b.hash()).orElseThrow();
                assertThat(read.header().rlp()).isEqualTo(b.header().rlp());
                assertThat(read.hash()).isEqualTo(b.hash());
                assertThat(read.body().rlp()).isEqualTo(b.body().rlp());
                assertThat(read.body().transactions()).hasSameSizeAs(b.body().transactions());
                assertThat(reader.totalDifficulty(n, b.hash())).hasValue(td);
                assertThat(reader.rawReceipts(n, b.hash()))
                        .hasValueSatisfying(v -> assertThat(v).isEqualTo(FrozenTestChain.receipts(n)));
            }
            Block first = FrozenTestChain.blocks().get(1);
            assertThat(reader.header(2, first.hash())).as("a hash that is not canonical at that height").isEmpty();
            assertThat(reader.canonicalHash(BLOCKS)).isEmpty();
        }
    }

    @Test
    @DisplayName("blocks below a pruned tail read as empty; their headers and hashes stay; whole files are gone")
    void prunedTail() {
        Map<String, FreezerTableWriter> tables = FrozenTestChain.tables(SMALL_FILES);
        tables.get(Ancients.BODIES).truncateTail(30);
        tables.get(Ancients.RECEIPTS).truncateTail(30);
        Path chaindata = newGethLayout(tables);
        assertThat(freezerDir().resolve("bodies.0000.cdat")).as("geth deletes data files below the tail")
                .doesNotExist();
        assertThat(freezerDir().resolve("headers.0000.cdat")).as("headers are not pruned").exists();
        List<Block> blocks = FrozenTestChain.blocks();
        try (Database empty = MemoryDatabase.open(); GethFreezer freezer = GethFreezer.open(chaindata)) {
            assertThat(freezer.count()).isEqualTo(BLOCKS);
            assertThat(freezer.tail(Ancients.BODIES)).isEqualTo(30);
            assertThat(freezer.tail(Ancients.HEADERS)).isZero();
            for (Block b : blocks) {
                long n = b.number();
                if (n < 30) {
                    assertThat(freezer.get(Ancients.BODIES, n)).as("body %d", n).isEmpty();
                    assertThat(freezer.get(Ancients.RECEIPTS, n)).as("receipts %d", n).isEmpty();
                } else {
                    assertThat(freezer.get(Ancients.BODIES, n)).as("body %d", n)
                            .hasValueSatisfying(v -> assertThat(v).isEqualTo(b.body().rlp()));
                }
                assertThat(freezer.get(Ancients.HEADERS, n)).as("header %d", n)
                        .hasValueSatisfying(v -> assertThat(v).isEqualTo(b.header().rlp()));
            }
            ChainReader reader = new ChainReader(empty, freezer);
            Block pruned = blocks.get(10);
            assertThat(reader.header(10, pruned.hash())).isPresent();
            assertThat(reader.block(10, pruned.hash())).isEmpty();
            assertThat(reader.block(30, blocks.get(30).hash())).isPresent();
        }
    }

    @Test
    @DisplayName("items hidden inside the tail file (virtual tail in the metadata only) read as empty")
    void hiddenItems() throws IOException {
        Map<String, FreezerTableWriter> tables = FrozenTestChain.tables(1 << 20);
        tables.get(Ancients.BODIES).truncateTail(5);
        Path chaindata = newGethLayout(tables);
        assertThat(freezerDir().resolve("bodies.0000.cdat")).exists();
        assertThat(Files.readAllBytes(freezerDir().resolve("bodies.cidx"))).startsWith(new byte[6]);
        try (GethFreezer freezer = GethFreezer.open(chaindata)) {
            assertThat(freezer.get(Ancients.BODIES, 4)).isEmpty();
            assertThat(freezer.get(Ancients.BODIES, 5)).hasValueSatisfying(
                    v -> assertThat(v).isEqualTo(FrozenTestChain.blocks().get(5).body().rlp()));
        }
    }

    @Test
    @DisplayName("older geth: tables directly in chaindata/ancient, version-1 or no metadata")
    void olderLayout() {
        Map<String, FreezerTableWriter> tables = FrozenTestChain.tables(SMALL_FILES);
        tables.get(Ancients.HASHES).metaVersion(0);
        tables.get(Ancients.HEADERS).metaVersion(1);
        tables.get(Ancients.BODIES).metaVersion(1).truncateTail(20);
        Path chaindata = tmp.resolve("chaindata");
        FrozenTestChain.write(tables, chaindata.resolve("ancient"));
        try (GethFreezer freezer = GethFreezer.open(chaindata)) {
            assertThat(freezer.directory()).isEqualTo(chaindata.resolve("ancient"));
            assertThat(freezer.count()).isEqualTo(BLOCKS);
            assertThat(freezer.get(Ancients.BODIES, 19)).isEmpty();
            assertThat(freezer.get(Ancients.BODIES, 20)).isPresent();
            assertThat(freezer.get(Ancients.HASHES, 7)).hasValueSatisfying(
                    v -> assertThat(v).isEqualTo(FrozenTestChain.blocks().get(7).hash()));
        }
    }

    @Test
    @DisplayName("the freezer is found from chaindata, from ancient, and from ancient/chain itself")
    void locatesTheFreezer() {
        Path chaindata = newGethLayout(FrozenTestChain.tables(SMALL_FILES));
        for (Path given : List.of(chaindata, chaindata.resolve("ancient"), freezerDir())) {
            try (GethFreezer freezer = GethFreezer.open(given)) {
                assertThat(freezer.directory()).as("opened from %s", given).isEqualTo(freezerDir());
            }
        }
        assertThatThrownBy(() -> GethFreezer.open(tmp.resolve("nothing-here")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no geth freezer under " + tmp.resolve("nothing-here"))
                .hasMessageContaining("chaindata");
    }

    @Test
    @DisplayName("a freezer without a diffs table (newer geth) works; total difficulty is simply absent")
    void withoutDiffs() {
        Map<String, FreezerTableWriter> tables = FrozenTestChain.tables(SMALL_FILES);
        tables.remove(Ancients.DIFFS);
        Path chaindata = newGethLayout(tables);
        Block b = FrozenTestChain.blocks().get(3);
        try (Database empty = MemoryDatabase.open(); GethFreezer freezer = GethFreezer.open(chaindata)) {
            assertThat(freezer.count()).isEqualTo(BLOCKS);
            assertThat(freezer.get(Ancients.DIFFS, 3)).isEmpty();
            ChainReader reader = new ChainReader(empty, freezer);
            assertThat(reader.totalDifficulty(3, b.hash())).isEmpty();
            assertThat(reader.block(3, b.hash())).isPresent();
        }
    }

    @Test
    @DisplayName("the count is the shortest required table's; a short leftover diffs table does not limit it")
    void countIsTheShortestTable() {
        Map<String, FreezerTableWriter> tables = FrozenTestChain.tables(SMALL_FILES);
        FreezerTableWriter receipts = new FreezerTableWriter(Ancients.RECEIPTS, true, SMALL_FILES);
        FreezerTableWriter diffs = new FreezerTableWriter(Ancients.DIFFS, false, SMALL_FILES);
        List<byte[]> tds = FrozenTestChain.totalDifficulties();
        for (int n = 0; n < BLOCKS - 1; n++) {
            receipts.append(FrozenTestChain.receipts(n));
        }
        for (int n = 0; n < 10; n++) {
            diffs.append(tds.get(n));
        }
        tables.put(Ancients.RECEIPTS, receipts);
        tables.put(Ancients.DIFFS, diffs);
        try (GethFreezer freezer = GethFreezer.open(newGethLayout(tables))) {
            assertThat(freezer.count()).isEqualTo(BLOCKS - 1);
            assertThat(freezer.get(Ancients.HEADERS, BLOCKS - 1)).as("beyond the agreed count").isEmpty();
            assertThat(freezer.get(Ancients.DIFFS, 9)).hasValueSatisfying(v -> assertThat(v).isEqualTo(tds.get(9)));
            assertThat(freezer.get(Ancients.DIFFS, 10)).isEmpty();
        }
    }

    @Test
    @DisplayName("the index kind follows the files present: a raw headers table (.ridx) reads too")
    void indexKindByFilePresence() {
        Map<String, FreezerTableWriter> tables = FrozenTestChain.tables(SMALL_FILES);
        FreezerTableWriter rawHeaders = new FreezerTableWriter(Ancients.HEADERS, false, SMALL_FILES);
        FrozenTestChain.blocks().forEach(b -> rawHeaders.append(b.header().rlp()));
        tables.put(Ancients.HEADERS, rawHeaders);
        Block b = FrozenTestChain.blocks().get(0x20);
        try (GethFreezer freezer = GethFreezer.open(newGethLayout(tables))) {
            assertThat(freezer.get(Ancients.HEADERS, 0x20))
                    .hasValueSatisfying(v -> assertThat(Header.decode(v).hash()).isEqualTo(b.hash()));
        }
    }

    @Test
    @DisplayName("an index cut mid-entry is refused at open, naming the file and the fix")
    void truncatedIndex() throws IOException {
        Path chaindata = newGethLayout(FrozenTestChain.tables(SMALL_FILES));
        Path index = freezerDir().resolve("headers.cidx");
        byte[] bytes = Files.readAllBytes(index);
        Files.write(index, Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> GethFreezer.open(chaindata))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(index.toString())
                .hasMessageContaining("not a non-zero multiple of 6")
                .hasMessageContaining("restore the freezer from a backup");
    }

    @Test
    @DisplayName("an item that is not valid snappy data fails its read, naming the file, the item and the fix")
    void corruptSnappy() throws IOException {
        Path chaindata = newGethLayout(FrozenTestChain.tables(SMALL_FILES));
        Path data = freezerDir().resolve("headers.0000.cdat");
        byte[] bytes = Files.readAllBytes(data);
        Arrays.fill(bytes, 0, 16, (byte) 0xff);
        Files.write(data, bytes);
        try (GethFreezer freezer = GethFreezer.open(chaindata)) {
            assertThatThrownBy(() -> freezer.get(Ancients.HEADERS, 0))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("item 0 of freezer table headers")
                    .hasMessageContaining(data.toString())
                    .hasMessageContaining("not valid snappy data")
                    .hasMessageContaining("restore it from a backup");
            assertThat(freezer.get(Ancients.HEADERS, BLOCKS - 1)).as("other files are unaffected").isPresent();
        }
    }

    @Test
    @DisplayName("a data file the index names but that is missing is refused at open")
    void missingDataFile() throws IOException {
        Path chaindata = newGethLayout(FrozenTestChain.tables(SMALL_FILES));
        Path data = freezerDir().resolve("bodies.0001.cdat");
        Files.delete(data);
        assertThatThrownBy(() -> GethFreezer.open(chaindata))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("freezer data file " + data + " is missing")
                .hasMessageContaining("resync");
    }

    @Test
    @DisplayName("an item past the end of a cut-short data file fails: at open for the head file, at read otherwise")
    void offsetPastTheEnd() throws IOException {
        Path chaindata = newGethLayout(FrozenTestChain.tables(SMALL_FILES));
        Path first = freezerDir().resolve("bodies.0000.cdat");
        byte[] bytes = Files.readAllBytes(first);
        Files.write(first, Arrays.copyOf(bytes, bytes.length / 2));
        try (GethFreezer freezer = GethFreezer.open(chaindata)) {
            assertThat(freezer.get(Ancients.BODIES, 0)).isPresent();
            long lastInFile = lastItemIn(freezerDir().resolve("bodies.cidx"), 0);
            assertThatThrownBy(() -> freezer.get(Ancients.BODIES, lastInFile))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("item " + lastInFile + " of freezer table bodies")
                    .hasMessageContaining(first + ", past the file's end");
        }
        Path head = headDataFile("bodies");
        Files.write(head, new byte[0]);
        assertThatThrownBy(() -> GethFreezer.open(chaindata))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(head + " is 0 bytes")
                .hasMessageContaining("cut short");
    }

    @Test
    @DisplayName("a metadata file that is not geth's RLP list is refused at open, naming the file")
    void corruptMeta() throws IOException {
        Path chaindata = newGethLayout(FrozenTestChain.tables(SMALL_FILES));
        Path meta = freezerDir().resolve("receipts.meta");
        Files.write(meta, new byte[] {(byte) 0xff, 1, 2});
        assertThatThrownBy(() -> GethFreezer.open(chaindata))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("freezer metadata " + meta)
                .hasMessageContaining("restore the freezer from a backup");
    }

    @Test
    @DisplayName("concurrent readers of one freezer all see every block intact")
    void concurrentReaders() throws Exception {
        List<Block> blocks = FrozenTestChain.blocks();
        try (GethFreezer freezer = GethFreezer.open(newGethLayout(FrozenTestChain.tables(SMALL_FILES)))) {
            List<Callable<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                readers.add(() -> {
                    int matched = 0;
                    for (int pass = 0; pass < 20; pass++) {
                        for (Block b : blocks) {
                            if (Arrays.equals(freezer.get(Ancients.BODIES, b.number()).orElseThrow(), b.body().rlp())
                                    && Arrays.equals(freezer.get(Ancients.HEADERS, b.number()).orElseThrow(),
                                            b.header().rlp())) {
                                matched++;
                            }
                        }
                    }
                    return matched;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (Future<Integer> result : pool.invokeAll(readers)) {
                    assertThat(result.get()).isEqualTo(20 * BLOCKS);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    @DisplayName("reads name the table rules: an unknown table is a caller error, a closed freezer says so")
    void misuse() {
        GethFreezer freezer = GethFreezer.open(newGethLayout(FrozenTestChain.tables(SMALL_FILES)));
        assertThatThrownBy(() -> freezer.get("blocks", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown freezer table 'blocks'");
        freezer.close();
        freezer.close();
        assertThatThrownBy(() -> freezer.get(Ancients.HEADERS, 1))
                .isInstanceOf(StoreException.class).hasMessageContaining("is closed");
    }

    /** The last item whose index entry names data file {@code file} (the table has no deleted items). */
    private static long lastItemIn(Path index, int file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(index));
        long last = -1;
        b.position(IndexEntry.SIZE);
        for (long item = 0; b.hasRemaining(); item++) {
            if (IndexEntry.read(b).fileNumber() == file) {
                last = item;
            }
        }
        return last;
    }

    private Path headDataFile(String table) throws IOException {
        try (Stream<Path> files = Files.list(freezerDir())) {
            return files.filter(p -> p.getFileName().toString().matches(table + "\\.\\d{4}\\.cdat"))
                    .max(Path::compareTo).orElseThrow();
        }
    }
}
