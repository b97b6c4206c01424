package org.ethercattle.ethereum.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ethercattle.api.Database;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.ethereum.anvil.Anvil;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.types.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The follower against a real node (Anvil), and against that node behind a proxy that lies or is down. */
class NodeFollowerTest {

    private static final String ALICE = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static final String BOB = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private Anvil anvil;
    private TamperingProxy proxy;
    private Database db;

    @BeforeEach
    void start() throws Exception {
        anvil = Anvil.start();
        proxy = new TamperingProxy(anvil.url());
        db = MemoryDatabase.open();
    }

    @AfterEach
    void stop() throws Exception {
        db.close();
        proxy.close();
        anvil.close();
    }

    @Test
    @DisplayName("an empty store gets genesis with its chain configuration, then every block up to the node's head")
    void followsFromGenesis() {
        transfers(3);
        FollowStep step = follower(anvil.url(), 0).step();

        assertThat(step).isEqualTo(new FollowStep(3, 3, 0, 3, true));
        ChainReader chain = new ChainReader(db, Ancients.none());
        for (long n = 0; n <= 3; n++) {
            assertThat(Hex.data(chain.canonicalHash(n).orElseThrow())).isEqualTo(nodeHash(n));
            assertThat(chain.rawReceipts(n, chain.canonicalHash(n).orElseThrow())).as("receipts of %s", n).isPresent();
        }
        byte[] configKey = Schema.config(chain.canonicalHash(0).orElseThrow());
        assertThat(new String(db.get(configKey))).contains("\"chainId\":31337");
        assertThat(FollowedStore.source(db)).contains(anvil.url());
    }

    @Test
    @DisplayName("a bounded step appends at most that many blocks and says it has not caught up")
    void boundedStep() {
        transfers(3);
        FollowStep step = follower(anvil.url(), 0).step(2);

        assertThat(step).isEqualTo(new FollowStep(2, 2, 0, 3, false));
    }

    @Test
    @DisplayName("a follower started again on the same store resumes at the stored head")
    void resumesFromTheStoredHead() {
        transfers(2);
        follower(anvil.url(), 0).step();
        transfers(2);

        FollowStep step = follower(anvil.url(), 0).step();

        assertThat(step.appended()).isEqualTo(2);
        assertThat(step.head()).isEqualTo(4);
    }

    @Test
    @DisplayName("--from on an empty store writes genesis, then starts at that block, leaving the gap empty")
    void startsAtFrom() {
        transfers(4);
        FollowStep step = follower(anvil.url(), 3).step();

        ChainReader chain = new ChainReader(db, Ancients.none());
        assertThat(step.appended()).isEqualTo(2);
        assertThat(chain.canonicalHash(0)).isPresent();
        assertThat(chain.canonicalHash(1)).isEmpty();
        assertThat(chain.canonicalHash(2)).isEmpty();
        assertThat(Hex.data(chain.canonicalHash(4).orElseThrow())).isEqualTo(nodeHash(4));
    }

    @Test
    @DisplayName("receipts that do not hash to receiptsRoot stop the follower naming block and field; nothing of "
            + "that block is written")
    void wrongReceiptsAreNeverWritten() {
        NodeFollower follower = follower(proxy.url(), 0);
        follower.step();
        transfers(1);
        proxy.rewrite("eth_getBlockReceipts", receipts -> {
            ((ObjectNode) receipts.get(0)).put("cumulativeGasUsed", "0x5209");
            return receipts;
        });

        assertThatThrownBy(follower::step).isInstanceOf(BlockMismatchException.class)
                .hasMessageContaining("block 1, field receiptsRoot");
        assertThat(follower.head()).contains(0L);
        assertThat(new ChainReader(db, Ancients.none()).canonicalHash(1)).isEmpty();
    }

    @Test
    @DisplayName("a block that fails its check once, as when the node reorgs mid-read, is read again and written")
    void oneBadReadIsReadAgain() {
        NodeFollower follower = follower(proxy.url(), 0);
        follower.step();
        transfers(1);
        AtomicBoolean lied = new AtomicBoolean();
        proxy.rewrite("eth_getBlockReceipts", receipts -> {
            if (!lied.getAndSet(true)) {
                ((ObjectNode) receipts.get(0)).put("cumulativeGasUsed", "0x5209");
            }
            return receipts;
        });

        assertThat(follower.step().head()).isEqualTo(1);
        assertThat(lied).isTrue();
    }

    @Test
    @DisplayName("a header field changed in the node's JSON fails the block-hash check")
    void wrongHeaderFieldFailsTheHash() {
        transfers(1);
        proxy.rewrite("eth_getBlockByNumber", block -> ((ObjectNode) block).put("gasUsed", "0x1"));

        assertThatThrownBy(() -> follower(proxy.url(), 0).step()).isInstanceOf(BlockMismatchException.class)
                .hasMessageContaining("block 0, field hash");
        assertThat(db.get(Schema.HEAD_BLOCK)).isNull();
    }

    @Test
    @DisplayName("a transaction list that does not match transactionsRoot is refused")
    void wrongTransactionsAreRefused() {
        transfers(2);
        NodeFollower follower = follower(proxy.url(), 0);
        follower.step();
        transfers(1);
        // Swap in another block's transaction: its hash no longer matches what the block lists.
        String other = anvil.rpc("eth_getRawTransactionByBlockNumberAndIndex", "[\"0x1\", \"0x0\"]").asText();
        proxy.rewrite("eth_getRawTransactionByBlockHashAndIndex", raw -> new TextNode(other));

        assertThatThrownBy(follower::step).isInstanceOf(BlockMismatchException.class)
                .hasMessageContaining("block 3, field transactions[0]");
        assertThat(follower.head()).contains(2L);
    }

    @Test
    @DisplayName("a node answering 503 for a while is retried until it answers")
    void retriesANodeThatIsDown() {
        transfers(1);
        proxy.unavailableFor(3);

        FollowStep step = follower(proxy.url(), 0).step();

        assertThat(proxy.refused()).isEqualTo(3);
        assertThat(step.head()).isEqualTo(1);
    }

    @Test
    @DisplayName("a node that stays down past the retry policy fails with a message naming it")
    void givesUpOnANodeThatStaysDown() {
        proxy.unavailableFor(1_000);
        NodeFollower follower = new NodeFollower(db, new NodeBlocks(new NodeClient(URI.create(proxy.url()),
                RequestRate.unbounded(), new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofMillis(200)))), 0, proxy.url());

        assertThatThrownBy(follower::step).isInstanceOf(NodeException.class)
                .hasMessageContaining(proxy.url()).hasMessageContaining("eth_blockNumber");
    }

    @Test
    @DisplayName("a node whose chain got shorter (evm_revert) moves the store back: head, canonical hashes, lookups")
    void followsARewind() {
        transfers(1);
        NodeFollower follower = follower(anvil.url(), 0);
        follower.step();
        String snapshot = anvil.rpc("evm_snapshot", "[]").asText();
        String dropped = transfers(2);
        follower.step();
        anvil.rpc("evm_revert", "[\"" + snapshot + "\"]");

        FollowStep step = follower.step();

        assertThat(step.reorged()).isEqualTo(2);
        assertThat(step.head()).isEqualTo(1);
        assertThat(db.get(Schema.canonicalHash(2))).isNull();
        assertThat(db.get(Schema.txLookup(Hex.bytes(dropped)))).isNull();
        assertThat(Hex.data(db.get(Schema.HEAD_BLOCK))).isEqualTo(nodeHash(1));
    }

    @Test
    @DisplayName("an anvil_reorg of the two newest blocks is rewritten with the node's new blocks")
    void followsAReorg() {
        transfers(4);
        NodeFollower follower = follower(anvil.url(), 0);
        follower.step();
        String oldHead = nodeHash(4);
        anvil.rpc("anvil_reorg", "[2, []]");

        FollowStep step = follower.step();

        assertThat(nodeHash(4)).isNotEqualTo(oldHead);
        assertThat(step.reorged()).isEqualTo(2);
        for (long n = 0; n <= 4; n++) {
            assertThat(Hex.data(db.get(Schema.canonicalHash(n)))).as("canonical hash %s", n).isEqualTo(nodeHash(n));
        }
    }

    private NodeFollower follower(String url, long from) {
        return new NodeFollower(db, new NodeBlocks(new NodeClient(URI.create(url), RequestRate.unbounded(),
                new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)))), from, url);
    }

    /** Mines {@code count} transfer blocks; returns the last transaction's hash. */
    private String transfers(int count) {
        String hash = null;
        for (int i = 0; i < count; i++) {
            hash = anvil.rpc("eth_sendTransaction", "[{\"from\":\"" + ALICE + "\",\"to\":\"" + BOB
                    + "\",\"value\":\"0x" + Integer.toHexString(i + 1) + "\"}]").asText();
            anvil.awaitReceipt(hash);
        }
        return hash;
    }

    private String nodeHash(long n) {
        JsonNode block = anvil.rpc("eth_getBlockByNumber", "[\"" + Hex.quantity(n) + "\", false]");
        return block.path("hash").asText();
    }

}
