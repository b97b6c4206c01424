package org.ethercattle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.web3j.crypto.Hash;

/**
 * A stand-in execution node for command tests: a chain of empty post-Prague blocks (genesis and {@code blocks}
 * more), answered over JSON-RPC as a node would for the methods a follower asks. {@code corruptGasUsed} makes it
 * lie about every block's gasUsed, so its headers no longer hash to their hashes.
 */
final class ScriptedNode implements AutoCloseable {

    static final long CHAIN_ID = 1337;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] EMPTY_ROOT =
            Hex.bytes("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    private final List<Header> chain = new ArrayList<>();
    private final HttpServer server;
    private final boolean corruptGasUsed;

    ScriptedNode(int blocks, boolean corruptGasUsed) throws IOException {
        this.corruptGasUsed = corruptGasUsed;
        byte[] parent = new byte[32];
        for (long n = 0; n <= blocks; n++) {
            Header h = Header.encode(parent, Hash.sha3(Hex.bytes("0xc0")), new byte[20], EMPTY_ROOT, EMPTY_ROOT,
                    EMPTY_ROOT, new byte[256], BigInteger.ZERO, n, 30_000_000, 0, 1_000 + 12 * n, new byte[0],
                    new byte[32], new byte[8], BigInteger.valueOf(1_000_000_000), EMPTY_ROOT, 0L, 0L, new byte[32],
                    Hash.sha256(new byte[0]));
            chain.add(h);
            parent = h.hash();
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode request = MAPPER.readTree(exchange.getRequestBody());
            JsonNode reply;
            if (request.isArray()) {
                ArrayNode replies = MAPPER.createArrayNode();
                request.forEach(r -> replies.add(answer(r)));
                reply = replies;
            } else {
                reply = answer(request);
            }
            byte[] body = MAPPER.writeValueAsBytes(reply);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The hash of block {@code n}. */
    String hash(long n) {
        return Hex.data(chain.get((int) n).hash());
    }

    private ObjectNode answer(JsonNode request) {
        ObjectNode reply = MAPPER.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", request.get("id"));
        JsonNode params = request.path("params");
        switch (request.path("method").asText()) {
            case "eth_chainId" -> reply.put("result", Hex.quantity(CHAIN_ID));
            case "eth_blockNumber" -> reply.put("result", Hex.quantity(chain.size() - 1));
            case "eth_getBlockByNumber" -> reply.set("result", block(params.get(0).asText()));
            case "eth_getBlockReceipts" -> reply.putArray("result");
            default -> reply.putObject("error").put("code", -32601).put("message", "the method "
                    + request.path("method").asText() + " does not exist/is not available");
        }
        return reply;
    }

    private JsonNode block(String tag) {
        int n = switch (tag) {
            case "latest" -> chain.size() - 1;
            case "finalized", "safe", "earliest" -> 0;
            default -> Hex.number(tag).intValueExact();
        };
        if (n >= chain.size()) {
            return MAPPER.nullNode();
        }
        Header h = chain.get(n);
        ObjectNode b = MAPPER.createObjectNode();
        b.put("hash", Hex.data(h.hash())).put("parentHash", Hex.data(h.parentHash()))
                .put("sha3Uncles", Hex.data(h.uncleHash())).put("miner", Hex.data(h.coinbase()))
                .put("stateRoot", Hex.data(h.stateRoot())).put("transactionsRoot", Hex.data(h.txRoot()))
                .put("receiptsRoot", Hex.data(h.receiptRoot())).put("logsBloom", Hex.data(h.bloom()))
                .put("difficulty", Hex.quantity(h.difficulty())).put("number", Hex.quantity(h.number()))
                .put("gasLimit", Hex.quantity(h.gasLimit()))
                .put("gasUsed", Hex.quantity(corruptGasUsed ? 1 : h.gasUsed()))
                .put("timestamp", Hex.quantity(h.time())).put("extraData", Hex.data(h.extra()))
                .put("mixHash", Hex.data(h.mixDigest())).put("nonce", Hex.data(h.nonce()))
                .put("baseFeePerGas", Hex.quantity(h.baseFee())).put("withdrawalsRoot", Hex.data(h.withdrawalsRoot()))
                .put("blobGasUsed", Hex.quantity(h.blobGasUsed())).put("excessBlobGas", Hex.quantity(h.excessBlobGas()))
                .put("parentBeaconBlockRoot", Hex.data(h.parentBeaconRoot()))
                .put("requestsHash", Hex.data(h.requestsHash()));
        b.putArray("transactions");
        b.putArray("uncles");
        b.putArray("withdrawals");
        return b;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
