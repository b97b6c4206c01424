package org.ethercattle.benchmarks.rpc;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.benchmarks.ScratchStore;
import org.ethercattle.ethereum.anvil.Anvil;
import org.ethercattle.ethereum.eth.EthereumApi;
import org.ethercattle.ethereum.eth.HeadWatcher;
import org.ethercattle.ethereum.eth.LogMethods;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainWriter;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.ethercattle.ethereum.rpc.WebSocketOptions;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Body;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;

/**
 * newHeads fan-out: {@value #SUBSCRIBERS} WebSocket subscribers on one server, and for each new block the time from
 * the block being applied to the last subscriber receiving its notification (and to the first). On a replica a block
 * is applied when the batch holding it and the head marker is written to the store, as the replay writes it; the
 * head watcher then notices the marker and notifies every subscription. Measured two ways: with the replica's
 * watcher as it runs ({@link HeadWatcher#DEFAULT_INTERVAL} polling, so up to one interval of waiting is part of
 * the figure) and with the watcher checked right after the write (the fan-out alone). The peer is Anvil with the
 * same number of subscribers, timed from asking it to mine ({@code evm_mine}) to the last arrival.
 */
final class FanOutRun {

    static final int SUBSCRIBERS = 1000;
    private static final int WARM_UP_BLOCKS = 10;
    private static final long AWAIT_SECONDS = 60;
    /** Between blocks, so that each is announced on its own, as blocks come seconds apart on a real chain. */
    private static final long PAUSE_MILLIS = 150;
    /** A post-merge chain with every fork from genesis, as geth's genesis config JSON. */
    private static final String CHAIN_CONFIG = "{\"chainId\":1337,\"homesteadBlock\":0,\"eip150Block\":0,"
            + "\"eip155Block\":0,\"eip158Block\":0,\"byzantiumBlock\":0,\"constantinopleBlock\":0,"
            + "\"petersburgBlock\":0,\"istanbulBlock\":0,\"berlinBlock\":0,\"londonBlock\":0,"
            + "\"terminalTotalDifficulty\":0,\"shanghaiTime\":0,\"cancunTime\":0,\"pragueTime\":0}";
    /** keccak256(rlp([])): the uncle hash of a block without uncles. */
    private static final byte[] EMPTY_UNCLES = hex("1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    /** keccak256(rlp("")): the root of an empty trie. */
    private static final byte[] EMPTY_TRIE = hex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    /** sha256 of nothing: the requests hash of a block without requests (EIP-7685). */
    private static final byte[] EMPTY_REQUESTS = hex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    /** Milliseconds per measured block, from applied to the first and to the last subscriber. */
    record Latencies(double[] firstMillis, double[] lastMillis) {
        double lastPercentile(double p) {
            return percentile(lastMillis, p);
        }

        double firstPercentile(double p) {
            return percentile(firstMillis, p);
        }

        private static double percentile(double[] values, double p) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
        }
    }

    private FanOutRun() {}

    /** A replica's server over RocksDB; {@code polling} runs the watcher as a replica does, else checks on write. */
    static Latencies cattle(boolean polling, int blocks) throws Exception {
        Path dir = ScratchStore.newDirectory("fanout");
        try (Database db = Stores.open("rocksdb:" + dir.resolve("replica"))) {
            Block parent = genesis();
            write(db, parent);
            // The server reads the chain id from the configuration geth stores beside the genesis block.
            db.put(Schema.config(parent.hash()), CHAIN_CONFIG.getBytes(StandardCharsets.UTF_8));
            RpcMethods methods = EthereumApi.methods(db, Ancients.none());
            try (HeadWatcher watcher = EthereumApi.subscriptions(methods, db, Ancients.none(),
                    polling ? HeadWatcher.DEFAULT_INTERVAL : Duration.ofHours(1), LogMethods.LogLimits.DEFAULTS);
                    RpcServer server = RpcServer.start("127.0.0.1", 0, methods, RpcLimits.GETH_DEFAULTS,
                            CorsPolicy.DISABLED, VirtualHosts.GETH_DEFAULT, WebSocketOptions.GETH_DEFAULTS);
                    Subscribers subscribers = Subscribers.subscribe(URI.create("ws://127.0.0.1:" + server.port()),
                            SUBSCRIBERS)) {
                double[] first = new double[blocks];
                double[] last = new double[blocks];
                for (int i = -WARM_UP_BLOCKS; i < blocks; i++) {
                    Block block = child(parent.header());
                    write(db, block);
                    long applied = System.nanoTime();
                    if (!polling) {
                        watcher.check();
                    }
                    Subscribers.Arrivals arrivals = subscribers.awaitAll(block.number(), AWAIT_SECONDS);
                    if (i >= 0) {
                        first[i] = (arrivals.first.get() - applied) / 1e6;
                        last[i] = (arrivals.last.get() - applied) / 1e6;
                    }
                    parent = block;
                    Thread.sleep(PAUSE_MILLIS);
                }
                return new Latencies(first, last);
            }
        } finally {
            ScratchStore.delete(dir);
        }
    }

    /** Anvil with as many subscribers, each block mined on request. */
    static Latencies anvil(int blocks) throws Exception {
        try (Anvil anvil = Anvil.start(Anvil.Option.noMining());
                Subscribers subscribers = Subscribers.subscribe(URI.create(anvil.url().replace("http:", "ws:")),
                        SUBSCRIBERS)) {
            double[] first = new double[blocks];
            double[] last = new double[blocks];
            for (int i = -WARM_UP_BLOCKS; i < blocks; i++) {
                long asked = System.nanoTime();
                anvil.rpc("evm_mine", "[]");
                long number = Long.decode(anvil.rpc("eth_blockNumber", "[]").asText());
                Subscribers.Arrivals arrivals = subscribers.awaitAll(number, AWAIT_SECONDS);
                if (i >= 0) {
                    first[i] = (arrivals.first.get() - asked) / 1e6;
                    last[i] = (arrivals.last.get() - asked) / 1e6;
                }
                Thread.sleep(PAUSE_MILLIS);
            }
            return new Latencies(first, last);
        }
    }

    /** A post-merge (Prague) genesis header with an empty body. */
    private static Block genesis() {
        Header h = Header.encode(new byte[32], EMPTY_UNCLES, new byte[20], EMPTY_TRIE, EMPTY_TRIE, EMPTY_TRIE,
                new byte[256], BigInteger.ZERO, 0, 30_000_000, 0, 1_700_000_000L, new byte[0], new byte[32],
                new byte[8], BigInteger.valueOf(1_000_000_000L), EMPTY_TRIE, 0L, 0L, new byte[32], EMPTY_REQUESTS);
        return new Block(h, Body.empty(true));
    }

    /** The next empty block after {@code parent}, 12 seconds later, its extra data naming it. */
    private static Block child(Header p) {
        Header h = Header.encode(p.hash(), p.uncleHash(), p.coinbase(), p.stateRoot(), p.txRoot(), p.receiptRoot(),
                p.bloom(), p.difficulty(), p.number() + 1, p.gasLimit(), 0, p.time() + 12,
                ("fan-out " + (p.number() + 1)).getBytes(StandardCharsets.US_ASCII), p.mixDigest(), p.nonce(),
                p.baseFee(), p.withdrawalsRoot(), p.blobGasUsed(), p.excessBlobGas(), p.parentBeaconRoot(),
                p.requestsHash());
        return new Block(h, Body.empty(true));
    }

    /** Writes {@code block} and moves the head to it in one batch, as a replay batch applying it does. */
    private static void write(Database db, Block block) {
        try (Batch batch = db.newBatch()) {
            ChainWriter writer = new ChainWriter(batch);
            writer.canonicalBlock(block, BigInteger.ZERO);
            writer.head(block.hash());
            batch.write();
        }
    }

    private static byte[] hex(String s) {
        return Hex.bytes("0x" + s);
    }
}
