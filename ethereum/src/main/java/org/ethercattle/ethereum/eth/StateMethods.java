package org.ethercattle.ethereum.eth;

import static org.ethercattle.ethereum.rpc.Param.optional;
import static org.ethercattle.ethereum.rpc.Param.required;
import static org.ethercattle.ethereum.rpc.ParamType.ADDRESS;
import static org.ethercattle.ethereum.rpc.ParamType.BLOCK_NUMBER_OR_HASH;
import static org.ethercattle.ethereum.rpc.ParamType.JSON;
import static org.ethercattle.ethereum.rpc.ParamType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ethercattle.ethereum.rpc.BlockNumber;
import org.ethercattle.ethereum.rpc.BlockNumberOrHash;
import org.ethercattle.ethereum.rpc.Params;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.state.Account;
import org.ethercattle.ethereum.state.AccountProof;
import org.ethercattle.ethereum.state.StateReader;
import org.ethercattle.ethereum.state.StorageProof;
import org.ethercattle.ethereum.trie.MissingTrieNodeException;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;

/**
 * The state methods (balance, nonce, code, storage, proofs) over geth's hash-scheme state trie. State is read at
 * the state root of the block a request names; a store holds the tries of the blocks its master kept (every block
 * for an archive master, recent ones otherwise), and a root it lacks is answered with geth's missing-node error.
 * The block parameter is optional and defaults to {@code latest}, as in current geth.
 */
public final class StateMethods {

    /** geth's storage-value bound for {@code eth_getStorageValues}: slots per request. */
    public static final int MAX_STORAGE_VALUES_SLOTS = 1024;

    private static final BlockNumberOrHash LATEST =
            new BlockNumberOrHash(BlockNumber.of(BlockNumber.Tag.LATEST), null, false);

    private final ChainView chain;
    private final StateReader state;

    /** Methods over {@code chain}'s blocks and {@code state}'s tries (usually the same store). */
    public StateMethods(ChainView chain, StateReader state) {
        this.chain = chain;
        this.state = state;
    }

    /** Registers every method into {@code methods}. */
    public void register(RpcMethods methods) {
        methods.register("eth_getBalance", List.of(required(ADDRESS), optional(BLOCK_NUMBER_OR_HASH)),
                p -> Hex.quantity(account(root(p, 1), p.address(0)).balance()));
        methods.register("eth_getTransactionCount", List.of(required(ADDRESS), optional(BLOCK_NUMBER_OR_HASH)),
                p -> Hex.quantity(account(root(p, 1), p.address(0)).nonce()));
        methods.register("eth_getCode", List.of(required(ADDRESS), optional(BLOCK_NUMBER_OR_HASH)), p -> {
            byte[] root = root(p, 1);
            Account a = account(root, p.address(0));
            return Hex.data(a.hasCode() ? read(() -> state.code(a.codeHash())) : new byte[0]);
        });
        methods.register("eth_getStorageAt",
                List.of(required(ADDRESS), required(STRING), optional(BLOCK_NUMBER_OR_HASH)), p -> {
                    byte[] slot = storageKey(p.string(1), "invalid hex in storage key").hash();
                    byte[] root = root(p, 2);
                    return Hex.data(read(() -> state.storage(root, p.address(0), slot)));
                });
        methods.register("eth_getStorageValues", List.of(required(JSON), optional(BLOCK_NUMBER_OR_HASH)),
                this::storageValues);
        methods.register("eth_getProof",
                List.of(required(ADDRESS), required(JSON), required(BLOCK_NUMBER_OR_HASH)), this::proof);
    }

    private Object storageValues(Params p) throws RpcException {
        JsonNode request = p.node(0);
        if (!request.isObject()) {
            throw RpcException.invalidParams("invalid argument 0: json: cannot unmarshal " + goKind(request)
                    + " into Go value of type map[common.Address][]common.Hash");
        }
        int slots = 0;
        for (JsonNode keys : request) {
            slots += keys.size();
        }
        if (slots > MAX_STORAGE_VALUES_SLOTS) {
            throw RpcException.invalidParams("too many slots (max " + MAX_STORAGE_VALUES_SLOTS + ")");
        }
        byte[] root = root(p, 1);
        ObjectNode out = Json.NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byte[] address = Hex.bytes(e.getKey());
            ArrayNode values = out.putArray(e.getKey().toLowerCase());
            for (JsonNode key : e.getValue()) {
                byte[] slot = Hex.bytes(key.asText());
                values.add(Hex.data(read(() -> state.storage(root, address, slot))));
            }
        }
        return out;
    }

    private Object proof(Params p) throws RpcException {
        JsonNode keysNode = p.node(1);
        if (!keysNode.isArray()) {
            throw RpcException.invalidParams("invalid argument 1: json: cannot unmarshal " + goKind(keysNode)
                    + " into Go value of type []string");
        }
        List<StorageKey> keys = new ArrayList<>();
        for (JsonNode k : keysNode) {
            keys.add(storageKey(k.asText(), null));
        }
        byte[] root = root(p, 2);
        byte[] address = p.address(0);
        AccountProof proof = read(() -> state.proof(root, address, keys.stream().map(StorageKey::hash).toList()));
        ArrayNode accountProof = Json.array();
        proof.accountProof().forEach(n -> accountProof.add(Hex.data(n)));
        ArrayNode storage = Json.array();
        List<StorageProof> entries = proof.storageProof();
        for (int i = 0; i < entries.size(); i++) {
            StorageProof s = entries.get(i);
            ArrayNode nodes = Json.array();
            s.proof().forEach(n -> nodes.add(Hex.data(n)));
            storage.add(Json.object().set("key", Json.NODES.textNode(keys.get(i).outputForm()))
                    .quantity("value", s.value()).set("proof", nodes).build());
        }
        return Json.object().data("address", address).set("accountProof", accountProof)
                .quantity("balance", proof.balance()).data("codeHash", proof.codeHash())
                .quantity("nonce", proof.nonce()).data("storageHash", proof.storageHash())
                .set("storageProof", storage).build();
    }

    private byte[] root(Params p, int blockParam) throws RpcException {
        BlockNumberOrHash id = p.present(blockParam) ? p.blockNumberOrHash(blockParam) : LATEST;
        Header h = chain.stateHeader(id);
        return h.stateRoot();
    }

    private Account account(byte[] root, byte[] address) throws RpcException {
        return read(() -> state.account(root, address)).orElse(Account.of(0, BigInteger.ZERO));
    }

    /** A read that may meet a trie node the store does not hold: answered with geth's missing-node error. */
    private static <T> T read(StateRead<T> read) throws RpcException {
        try {
            return read.run();
        } catch (MissingTrieNodeException e) {
            throw RpcException.serverError(e.getMessage());
        }
    }

    @FunctionalInterface
    private interface StateRead<T> {
        T run();
    }

    /**
     * A storage key as geth's {@code decodeHash} reads it: optional {@code 0x}, odd lengths padded, at most 32
     * bytes, left-padded to a hash; {@code eth_getProof} echoes a 32-byte key as given and any shorter one as a
     * quantity.
     */
    private record StorageKey(byte[] hash, int inputLength) {

        String outputForm() {
            return inputLength == 32 ? Hex.data(hash) : Hex.quantity(new BigInteger(1, hash));
        }
    }

    private static StorageKey storageKey(String text, String context) throws RpcException {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.length() % 2 == 1) {
            digits = "0" + digits;
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams((context != null ? context : "hex string invalid") + ": "
                    + goQuote(text));
        }
        if (bytes.length > 32) {
            throw RpcException.invalidParams((context != null ? context : "hex string too long, want at most 32 bytes")
                    + ": " + goQuote(text));
        }
        byte[] hash = new byte[32];
        System.arraycopy(bytes, 0, hash, 32 - bytes.length, bytes.length);
        return new StorageKey(hash, bytes.length);
    }

    private static String goQuote(String s) {
        return Json.NODES.textNode(s).toString();
    }

    private static String goKind(JsonNode n) {
        return n.isTextual() ? "string" : n.isNumber() ? "number" : n.isBoolean() ? "bool"
                : n.isArray() ? "array" : n.isObject() ? "object" : "null";
    }

}
