package org.ethercattle.ethereum.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.ethereum.eth.EthereumApi;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainWriter;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A randomized round trip: a chain generated from a seed (real secp256k1 signatures over all five transaction
 * types, receipts whose trie is the header's receiptsRoot, London to Prague headers) is written in geth's schema
 * into RocksDB with {@link ChainWriter}, served over HTTP, and every block, transaction, receipt and log the server
 * returns must equal what the test computes from the generated values itself.
 *
 * <p>Each run draws a new seed and prints it; any mismatch names the seed, the call and the first differing
 * field. Re-run one chain with {@code -Dcattle.roundtrip.seed=<seed>}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("a generated chain written in geth's schema reads back through the RPC server exactly as written")
class GeneratedChainRoundTripTest {

    /** The system property that fixes the seed. */
    static final String SEED_PROPERTY = "cattle.roundtrip.seed";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_REPORTED = 25;
    private static final int LOG_QUERIES = 300;

    @TempDir
    static Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private long seed;
    private GeneratedChain chain;
    private ExpectedJson expected;
    private Database db;
    private RpcServer server;
    private int requestId;

    @BeforeAll
    void writeAndServe() throws Exception {
        Long fixed = Long.getLong(SEED_PROPERTY);
        seed = fixed != null ? fixed : ThreadLocalRandom.current().nextLong();
        System.out.println("GeneratedChainRoundTripTest seed " + seed + " (re-run with -D" + SEED_PROPERTY + "="
                + seed + ")");
        chain = new ChainGenerator(seed).generate();
        expected = new ExpectedJson(chain.forks());
        db = Stores.open("rocksdb:" + dir.resolve("db"));
        write(db, chain);
        server = RpcServer.start("127.0.0.1", 0, EthereumApi.methods(db, Ancients.none()), RpcLimits.GETH_DEFAULTS,
                CorsPolicy.DISABLED, VirtualHosts.GETH_DEFAULT);
    }

    /** Writes the chain as geth would have: blocks, receipts, head and finalized markers, version, config. */
    static void write(Database db, GeneratedChain chain) {
        try (Batch batch = db.newBatch()) {
            ChainWriter out = new ChainWriter(batch);
            for (GeneratedBlock b : chain.blocks()) {
                // The writer stores the header's bytes and the body as the decoder re-encodes it, so the raw
                // answers below also check that re-encoding against the generator's own.
                out.canonicalBlock(Block.decode(b.blockRlp()), b.totalDifficulty());
                out.receipts(b.number(), b.hash(), ReceiptEncoding.stored(b.receipts()));
            }
            out.head(chain.head().hash());
            out.finalized(chain.blocks().get((int) chain.finalized()).hash());
            out.databaseVersion();
            byte[] genesis = chain.blocks().get(0).hash();
            byte[] key = Schema.config(genesis);
            batch.put(key, chain.forks().configJson().toString().getBytes(StandardCharsets.UTF_8));
            batch.write();
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    @DisplayName("the generated chain holds every transaction kind and crosses London, Shanghai, Cancun and Prague")
    void generatedChainCoversEveryKind() {
        Set<String> kinds = new TreeSet<>();
        for (GeneratedBlock b : chain.blocks()) {
            for (SignedTransaction tx : b.transactions()) {
                kinds.add(tx.fields().type() == 0 ? (tx.fields().chainId() == null ? "legacy" : "eip155")
                        : "type" + tx.fields().type());
            }
        }
        assertThat(kinds).as(seedNote()).contains("legacy", "eip155", "type1", "type2", "type3", "type4");
        assertThat(chain.blocks().size()).as(seedNote()).isGreaterThan(30);
        assertThat(chain.head().header().requestsHash()).as(seedNote()).isNotNull();
        assertThat(chain.blocks().get(1).header().baseFee()).as(seedNote()).isNull();
    }

    @Test
    @DisplayName("eth_getBlockByNumber and eth_getBlockByHash answer every block as written, with hashes or full "
            + "transactions")
    void blocks() {
        Mismatches m = new Mismatches();
        for (GeneratedBlock b : chain.blocks()) {
            for (boolean full : new boolean[] {false, true}) {
                JsonNode want = expected.block(b, full);
                m.check("eth_getBlockByNumber", params(Hex.quantity(b.number()), full), want);
                m.check("eth_getBlockByHash", params(Hex.data(b.hash()), full), want);
            }
        }
        m.assertNone();
    }

    @Test
    @DisplayName("eth_getHeaderByNumber/ByHash, the transaction and uncle counts and eth_getUncleByBlock*AndIndex "
            + "answer every block's header, counts and ommers")
    void headersCountsAndUncles() {
        Mismatches m = new Mismatches();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        for (GeneratedBlock b : chain.blocks()) {
            String number = Hex.quantity(b.number());
            String hash = Hex.data(b.hash());
            m.check("eth_getHeaderByNumber", params(number), expected.header(b.header(), b.hash()));
            m.check("eth_getHeaderByHash", params(hash), expected.header(b.header(), b.hash()));
            JsonNode txCount = nodes.textNode(Hex.quantity(b.transactions().size()));
            m.check("eth_getBlockTransactionCountByNumber", params(number), txCount);
            m.check("eth_getBlockTransactionCountByHash", params(hash), txCount);
            JsonNode uncleCount = nodes.textNode(Hex.quantity(b.uncles().size()));
            m.check("eth_getUncleCountByBlockNumber", params(number), uncleCount);
            m.check("eth_getUncleCountByBlockHash", params(hash), uncleCount);
            for (int i = 0; i <= b.uncles().size(); i++) {
                // One index past the last ommer must answer null.
                JsonNode want = i < b.uncles().size() ? expected.uncle(b.uncles().get(i)) : NullNode.instance;
                m.check("eth_getUncleByBlockNumberAndIndex", params(number, Hex.quantity(i)), want);
                m.check("eth_getUncleByBlockHashAndIndex", params(hash, Hex.quantity(i)), want);
            }
        }
        m.check("eth_chainId", params(), nodes.textNode(Hex.quantity(chain.forks().chainId())));
        m.assertNone();
        assertThat(chain.blocks().stream().mapToInt(b -> b.uncles().size()).sum()).as(seedNote() + ": ommers")
                .isPositive();
    }

    @Test
    @DisplayName("eth_getTransactionByBlock*AndIndex and eth_getRawTransactionByBlock*AndIndex answer every "
            + "transaction at its position, and null / 0x one past the last")
    void transactionsByIndex() {
        Mismatches m = new Mismatches();
        for (GeneratedBlock b : chain.blocks()) {
            for (String block : List.of(Hex.quantity(b.number()), Hex.data(b.hash()))) {
                String by = block.length() == 66 ? "Hash" : "Number";
                for (int i = 0; i <= b.transactions().size(); i++) {
                    boolean past = i == b.transactions().size();
                    m.check("eth_getTransactionByBlock" + by + "AndIndex", params(block, Hex.quantity(i)),
                            past ? NullNode.instance : expected.transaction(b, i));
                    m.check("eth_getRawTransactionByBlock" + by + "AndIndex", params(block, Hex.quantity(i)),
                            past ? JsonNodeFactory.instance.textNode("0x")
                                    : ExpectedJson.data(b.transactions().get(i).encoded()));
                }
            }
        }
        m.assertNone();
    }

    @Test
    @DisplayName("eth_getTransactionByHash, eth_getRawTransactionByHash, debug_getRawTransaction and "
            + "eth_getTransactionReceipt answer every transaction as signed and every receipt as written")
    void transactions() {
        Mismatches m = new Mismatches();
        for (GeneratedBlock b : chain.blocks()) {
            for (int i = 0; i < b.transactions().size(); i++) {
                String hash = Hex.data(b.transactions().get(i).hash());
                m.check("eth_getTransactionByHash", params(hash), expected.transaction(b, i));
                m.check("eth_getRawTransactionByHash", params(hash),
                        ExpectedJson.data(b.transactions().get(i).encoded()));
                m.check("debug_getRawTransaction", params(hash), ExpectedJson.data(b.transactions().get(i).encoded()));
                m.check("eth_getTransactionReceipt", params(hash), expected.receipt(b, i));
            }
        }
        m.assertNone();
    }

    @Test
    @DisplayName("eth_getBlockReceipts and debug_getRawReceipts answer every block's receipts, by number and by hash")
    void blockReceipts() {
        Mismatches m = new Mismatches();
        for (GeneratedBlock b : chain.blocks()) {
            for (String block : List.of(Hex.quantity(b.number()), Hex.data(b.hash()))) {
                m.check("eth_getBlockReceipts", params(block), expected.blockReceipts(b));
                m.check("debug_getRawReceipts", params(block), ExpectedJson.rawReceipts(b));
            }
        }
        m.assertNone();
    }

    @Test
    @DisplayName("debug_getRawHeader and debug_getRawBlock answer the encodings written, by number and by hash")
    void rawHeadersAndBlocks() {
        Mismatches m = new Mismatches();
        for (GeneratedBlock b : chain.blocks()) {
            for (String block : List.of(Hex.quantity(b.number()), Hex.data(b.hash()))) {
                m.check("debug_getRawHeader", params(block), ExpectedJson.data(b.headerRlp()));
                m.check("debug_getRawBlock", params(block), ExpectedJson.data(b.blockRlp()));
            }
        }
        m.assertNone();
    }

    @Test
    @DisplayName("the tags latest, earliest and finalized name the head, genesis and finalized blocks")
    void tags() {
        Mismatches m = new Mismatches();
        m.check("eth_blockNumber", params(), JsonNodeFactory.instance.textNode(Hex.quantity(chain.head().number())));
        m.check("eth_getBlockByNumber", params("latest", false), expected.block(chain.head(), false));
        m.check("eth_getBlockByNumber", params("earliest", false), expected.block(chain.blocks().get(0), false));
        m.check("eth_getBlockByNumber", params("finalized", false),
                expected.block(chain.blocks().get((int) chain.finalized()), false));
        m.assertNone();
    }

    @Test
    @DisplayName("blocks, transactions and receipts that were never written answer null")
    void absent() {
        Mismatches m = new Mismatches();
        byte[] unknown = new byte[32];
        new Random(seed).nextBytes(unknown);
        m.check("eth_getBlockByNumber", params(Hex.quantity(chain.head().number() + 1), false), NullNode.instance);
        m.check("eth_getBlockByHash", params(Hex.data(unknown), false), NullNode.instance);
        m.check("eth_getTransactionByHash", params(Hex.data(unknown)), NullNode.instance);
        m.check("eth_getTransactionReceipt", params(Hex.data(unknown)), NullNode.instance);
        // geth answers the raw forms with "0x" (its nil hexutil.Bytes), not null.
        m.check("eth_getRawTransactionByHash", params(Hex.data(unknown)), JsonNodeFactory.instance.textNode("0x"));
        m.check("debug_getRawTransaction", params(Hex.data(unknown)), JsonNodeFactory.instance.textNode("0x"));
        m.assertNone();
    }

    @Test
    @DisplayName("eth_getLogs answers random filters (ranges, block hashes, addresses, topic positions) with exactly "
            + "the matching logs, in chain order")
    void logs() {
        Random rnd = new Random(seed ^ 0x6c6f6773L);
        Mismatches m = new Mismatches();
        int nonEmpty = 0;
        for (int q = 0; q < LOG_QUERIES; q++) {
            LogQuery query = LogQuery.random(rnd, chain);
            ArrayNode want = JsonNodeFactory.instance.arrayNode();
            for (GeneratedBlock b : chain.blocks()) {
                if (!query.covers(b.number(), b.hash())) {
                    continue;
                }
                int logIndex = 0;
                for (int i = 0; i < b.receipts().size(); i++) {
                    for (GeneratedReceipt.GeneratedLog log : b.receipts().get(i).logs()) {
                        if (query.matches(log)) {
                            want.add(expected.log(b, i, logIndex, log));
                        }
                        logIndex++;
                    }
                }
            }
            nonEmpty += want.isEmpty() ? 0 : 1;
            ArrayNode p = JsonNodeFactory.instance.arrayNode();
            p.add(query.toJson());
            m.check("eth_getLogs", p, want);
        }
        m.assertNone();
        // A filter generator that never matches would make this test unable to fail on wrong logs.
        assertThat(nonEmpty).as(seedNote() + ": queries with a non-empty answer").isGreaterThan(LOG_QUERIES / 4);
    }

    private String seedNote() {
        return "seed " + seed + " (re-run with -D" + SEED_PROPERTY + "=" + seed + ")";
    }

    private static ArrayNode params(Object... values) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (Object v : values) {
            if (v instanceof Boolean b) {
                a.add(b);
            } else {
                a.add((String) v);
            }
        }
        return a;
    }

    private JsonNode call(String method, ArrayNode params) {
        try {
            String body = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", ++requestId).put("method", method)
                    .set("params", params).toString();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return MAPPER.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(seedNote() + ": " + method + params + " failed: " + e, e);
        }
    }

    /** The mismatches of one test, reported together (up to a limit) so that one run shows the pattern. */
    private final class Mismatches {
        private final List<String> found = new ArrayList<>();
        private int calls;

        void check(String method, ArrayNode params, JsonNode want) {
            calls++;
            JsonNode response = call(method, params);
            Optional<String> problem = response.has("error")
                    ? Optional.of("error " + response.get("error"))
                    : JsonMismatch.of("result", want, response.path("result"));
            problem.ifPresent(p -> found.add(method + params + " " + p));
        }

        void assertNone() {
            assertThat(calls).isPositive();
            if (!found.isEmpty()) {
                throw new AssertionError(seedNote() + ": " + found.size() + " of " + calls
                        + " answers differ from what was written; first ones:\n  "
                        + String.join("\n  ", found.subList(0, Math.min(MAX_REPORTED, found.size()))));
            }
        }
    }
}
