package org.ethercattle.benchmarks.rpc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.ethercattle.benchmarks.ScratchStore;
import org.ethercattle.ethereum.chain.ChainImporter;
import org.ethercattle.ethereum.chain.Genesis;
import org.ethercattle.ethereum.eth.EthereumApi;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcDispatcher;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.ethercattle.ethereum.state.AccountState;
import org.ethercattle.ethereum.state.StateJson;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Body;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Ethereum JSON-RPC reads from a replica's store: the execution-apis test chain (55 blocks, every transaction
 * type) imported into RocksDB, asked for random blocks (hashes only, or with full transactions, which recovers
 * every sender) and random accounts' balances (a state-trie walk).
 *
 * <ul>
 *   <li>{@link #http}: the whole path, a client POSTing over loopback to the Jetty server (client and server
 *       share the machine's cores);</li>
 *   <li>{@link #dispatch}: the same requests handed to the dispatcher in-process, the ceiling without HTTP;</li>
 *   <li>{@link #storeRead}: the store reads and decoding alone (block by number, or account), uncached: the
 *       ceiling of a first request, without JSON;</li>
 *   <li>{@link #peer}: the same kind of request over the same client to another node named by
 *       {@code -Dcattle.bench.peer=URL} (benchmarks/run-rpc starts Anvil with a chain of the same length);
 *       without the property it measures nothing and says so.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EthRpcBenchmark {

    /** The request: {@code block} (hashes), {@code blockFull} (full transactions) or {@code balance}. */
    @Param({"block", "blockFull", "balance"})
    public String request;

    /** The store the chain is imported into. */
    @Param({"rocksdb:{dir}"})
    public String store;

    private ScratchStore scratch;
    private RpcServer server;
    private RpcDispatcher dispatcher;
    private ChainReader reader;
    private org.ethercattle.ethereum.state.StateReader state;
    private List<Block> blocks;
    private List<byte[]> accounts;
    private byte[] headRoot;
    private HttpClient client;
    private URI uri;
    private URI peer;
    private long peerHead;
    private List<String> peerAccounts;

    /** Imports the chain, starts the server and, when named, looks up the peer's head and accounts. */
    @Setup(Level.Trial)
    public void open() throws IOException, InterruptedException {
        Path shared = Path.of(System.getProperty("cattle.shared.dir", "../shared"), "execution-apis");
        blocks = Block.decodeAll(Files.readAllBytes(shared.resolve("tests/chain.rlp")));
        List<AccountState> head = StateJson.readDump(shared.resolve("tools/chain/headstate.json"));
        accounts = head.stream().map(AccountState::address).toList();
        scratch = ScratchStore.open(store);
        headRoot = new ChainImporter(scratch.database()).importChain(Genesis.read(shared.resolve("tests/genesis.json")),
                StateJson.readGenesisAlloc(shared.resolve("tests/genesis.json")), blocks, head).stateRoot();
        RpcMethods methods = EthereumApi.methods(scratch.database(), Ancients.none());
        dispatcher = new RpcDispatcher(methods, RpcLimits.GETH_DEFAULTS);
        server = RpcServer.start("127.0.0.1", 0, methods, RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED,
                VirtualHosts.GETH_DEFAULT);
        reader = new ChainReader(scratch.database(), Ancients.none());
        state = new org.ethercattle.ethereum.state.StateReader(scratch.database());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        uri = URI.create("http://127.0.0.1:" + server.port());
        String peerUrl = System.getProperty("cattle.bench.peer");
        if (peerUrl != null) {
            peer = URI.create(peerUrl);
            String number = post(peer, body("eth_blockNumber", ""));
            peerHead = Hex.number(field(number, "result")).longValue();
            String list = post(peer, body("eth_accounts", ""));
            peerAccounts = List.of(list.substring(list.indexOf('[') + 1, list.indexOf(']')).replace("\"", "")
                    .split(","));
        }
    }

    /** Stops the server and deletes the store. */
    @TearDown(Level.Trial)
    public void close() {
        if (server != null) {
            server.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    /** One request over HTTP to Cattle's server. */
    @Benchmark
    @Threads(4)
    public String http() throws IOException, InterruptedException {
        return post(uri, cattleRequest());
    }

    /** One request through the dispatcher, no HTTP. */
    @Benchmark
    public Optional<byte[]> dispatch() {
        byte[] body = cattleRequest().getBytes(StandardCharsets.UTF_8);
        return dispatcher.handle(body, body.length);
    }

    /**
     * The store reads a request makes when nothing of it is cached, decoded, without JSON: the header and body
     * read from the store and decoded (the server keeps decoded blocks and written answers by hash, so a repeated
     * request costs less than this), or the account's trie walk.
     */
    @Benchmark
    public Object storeRead() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (request.equals("balance")) {
            return state.account(headRoot, accounts.get(r.nextInt(accounts.size())));
        }
        Block b = blocks.get(r.nextInt(blocks.size()));
        return new Block(Header.decode(reader.rawHeader(b.number(), b.hash()).orElseThrow()),
                Body.decode(reader.rawBody(b.number(), b.hash()).orElseThrow()));
    }

    /** The same kind of request to the peer node over HTTP. */
    @Benchmark
    @Threads(4)
    public String peer() throws IOException, InterruptedException {
        if (peer == null) {
            throw new IllegalStateException("no peer: pass -Dcattle.bench.peer=http://HOST:PORT (benchmarks/run-rpc "
                    + "starts Anvil and passes it)");
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return post(peer, request(1 + r.nextLong(Math.max(1, peerHead)),
                peerAccounts.get(r.nextInt(peerAccounts.size()))));
    }

    private String cattleRequest() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return request(1 + r.nextInt(blocks.size()), Hex.data(accounts.get(r.nextInt(accounts.size()))));
    }

    private String request(long block, String account) {
        return switch (request) {
            case "block" -> body("eth_getBlockByNumber", "\"" + Hex.quantity(block) + "\",false");
            case "blockFull" -> body("eth_getBlockByNumber", "\"" + Hex.quantity(block) + "\",true");
            case "balance" -> body("eth_getBalance", "\"" + account + "\",\"latest\"");
            default -> throw new IllegalArgumentException("request is block, blockFull or balance, not " + request);
        };
    }

    private static String body(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + params + "]}";
    }

    private String post(URI to, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(to).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
            throw new IllegalStateException(to + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return json.substring(at, json.indexOf('"', at));
    }
}
