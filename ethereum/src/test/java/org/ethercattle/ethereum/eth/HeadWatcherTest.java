package org.ethercattle.ethereum.eth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.testchain.ImportedTestChain;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head watcher turns head-marker moves into chain changes: what left the chain and what joined it. */
class HeadWatcherTest {

    @TempDir
    Path dir;

    private Database db;
    private ChainReader reader;
    private CraftedChain crafted;
    private Header head;
    private final List<ChainChange> changes = new ArrayList<>();

    @BeforeEach
    void importChain() {
        db = ImportedTestChain.importInto(dir.resolve("db"));
        reader = new ChainReader(db, null);
        crafted = new CraftedChain(db);
        head = reader.headMarker(Schema.HEAD_BLOCK).orElseThrow();
    }

    @AfterEach
    void closeStore() {
        db.close();
    }

    private HeadWatcher watcher() {
        HeadWatcher watcher = new HeadWatcher(reader);
        watcher.subscribe(changes::add);
        return watcher;
    }

    private static List<String> hashes(List<ChainBlock> blocks) {
        return blocks.stream().map(b -> Hex.data(b.header().hash())).toList();
    }

    private static List<String> hashes(Block... blocks) {
        return List.of(blocks).stream().map(b -> Hex.data(b.hash())).toList();
    }

    @Test
    @DisplayName("the head it starts at is not announced, and an unmoved head announces nothing")
    void startingHead() {
        HeadWatcher watcher = watcher();
        watcher.check();
        watcher.check();
        assertThat(changes).isEmpty();
    }

    @Test
    @DisplayName("an advance by several blocks between checks announces each, oldest first, removing none")
    void advance() {
        HeadWatcher watcher = watcher();
        Block a = crafted.child(head, "a", List.of());
        Block b = crafted.child(a.header(), "b", List.of());
        crafted.head(b);
        watcher.check();
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).removed()).isEmpty();
        assertThat(hashes(changes.get(0).added())).isEqualTo(hashes(a, b));
    }

    @Test
    @DisplayName("a reorg removes the old branch down to the common ancestor and adds the new one, both oldest first")
    void reorg() {
        HeadWatcher watcher = watcher();
        Block x1 = crafted.child(head, "x1", List.of());
        Block x2 = crafted.child(x1.header(), "x2", List.of());
        Block x3 = crafted.child(x2.header(), "x3", List.of());
        crafted.head(x3);
        watcher.check();
        Block y2 = crafted.child(x1.header(), "y2", List.of());
        crafted.head(y2);
        watcher.check();
        assertThat(changes).hasSize(2);
        assertThat(hashes(changes.get(1).removed())).isEqualTo(hashes(x2, x3));
        assertThat(hashes(changes.get(1).added())).isEqualTo(hashes(y2));
    }

    @Test
    @DisplayName("a head moved back to an ancestor removes the blocks above it and adds nothing")
    void rewind() {
        HeadWatcher watcher = watcher();
        Block x1 = crafted.child(head, "x1", List.of());
        Block x2 = crafted.child(x1.header(), "x2", List.of());
        crafted.head(x2);
        watcher.check();
        crafted.head(x1);
        watcher.check();
        assertThat(hashes(changes.get(1).removed())).isEqualTo(hashes(x2));
        assertThat(changes.get(1).added()).isEmpty();
    }

    @Test
    @DisplayName("a block's logs are read from its stored receipts, with their places")
    void logs() {
        HeadWatcher watcher = watcher();
        Block x1 = crafted.child(head, "x1", List.of(CraftedChain.log((byte) 1, (byte) 2, "one"),
                CraftedChain.log((byte) 3, (byte) 4, "two")));
        crafted.head(x1);
        watcher.check();
        List<ChainBlock.PlacedLog> logs = changes.get(0).added().get(0).logs();
        assertThat(logs).extracting(ChainBlock.PlacedLog::logIndex).containsExactly(0, 1);
        assertThat(logs).extracting(l -> new String(l.log().data())).containsExactly("one", "two");
        assertThat(logs.get(0).txHash()).isEqualTo(x1.body().transactions().get(0).hash());
    }

    @Test
    @DisplayName("a subscriber from a past block first receives the canonical blocks from there to the head")
    void history() {
        HeadWatcher watcher = watcher();
        Block x1 = crafted.child(head, "x1", List.of());
        crafted.head(x1);
        watcher.check();
        List<ChainChange> late = new ArrayList<>();
        watcher.subscribeFrom(head.number(), 10, late::add);
        assertThat(late).hasSize(1);
        assertThat(late.get(0).added()).extracting(b -> b.header().number())
                .containsExactly(head.number(), head.number() + 1);
        Block x2 = crafted.child(x1.header(), "x2", List.of());
        crafted.head(x2);
        watcher.check();
        assertThat(late).hasSize(2);
        assertThat(hashes(late.get(1).added())).isEqualTo(hashes(x2));
    }
}
