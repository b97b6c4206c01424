package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Log;
import org.ethercattle.ethereum.types.Receipt;

/**
 * An {@code eth_getLogs} filter as geth's {@code FilterCriteria} reads it: a block hash, or a range of block
 * names (numbers or tags, each defaulting to {@code latest}); addresses (one or a list: any of them); and topics,
 * one entry per position, each {@code null}/empty (any) or one or a list of hashes (any of them).
 *
 * @param blockHash the block, or {@code null} for a range
 * @param fromBlock the range's start as sent ({@code null}: latest)
 * @param toBlock the range's end as sent ({@code null}: latest)
 * @param addresses 20-byte addresses; empty matches every contract
 * @param topics per position the accepted topics; an empty position matches any
 * @param addressBlooms each address's three bloom bits, as a 256-byte mask (computed once, not per block)
 * @param topicBlooms each topic's bloom mask, by position
 */
record LogFilter(byte[] blockHash, JsonNode fromBlock, JsonNode toBlock, List<byte[]> addresses,
        List<List<byte[]>> topics, List<byte[]> addressBlooms, List<List<byte[]>> topicBlooms) {

    /** geth's limit on topic positions. */
    static final int MAX_TOPICS = 4;
    /** geth's {@code --rpc.logquerylimit} default: addresses, or topics in one position. */
    static final int MAX_CRITERIA = 1000;

    /** Parses the filter object, with geth's errors (argument 0 of {@code eth_getLogs}). */
    static LogFilter parse(JsonNode crit) throws RpcException {
        if (!crit.isObject()) {
            throw RpcException.invalidParams("invalid argument 0: json: cannot unmarshal " + crit.getNodeType()
                    .toString().toLowerCase() + " into Go value of type filters.FilterCriteria");
        }
        JsonNode hash = crit.get("blockHash");
        JsonNode from = present(crit.get("fromBlock"));
        JsonNode to = present(crit.get("toBlock"));
        byte[] blockHash = null;
        if (present(hash) != null) {
            if (from != null || to != null) {
                throw RpcException.invalidParams("invalid argument 0: cannot specify both BlockHash and "
                        + "FromBlock/ToBlock, choose one or the other");
            }
            blockHash = hash32(hash, "invalid argument 0: invalid block hash");
        }
        List<byte[]> addresses = new ArrayList<>();
        JsonNode a = present(crit.get("address"));
        if (a != null) {
            if (a.isTextual()) {
                addresses.add(address(a));
            } else if (a.isArray()) {
                for (JsonNode e : a) {
                    addresses.add(address(e));
                }
            } else {
                throw RpcException.invalidParams("invalid argument 0: invalid addresses in query");
            }
        }
        if (addresses.size() > MAX_CRITERIA) {
            throw RpcException.serverError("exceed max addresses or topics per search position");
        }
        List<List<byte[]>> topics = new ArrayList<>();
        JsonNode t = present(crit.get("topics"));
        if (t != null) {
            if (!t.isArray()) {
                throw RpcException.invalidParams("invalid argument 0: invalid topic(s)");
            }
            if (t.size() > MAX_TOPICS) {
                throw RpcException.serverError("exceed max topics");
            }
            for (JsonNode position : t) {
                List<byte[]> accepted = new ArrayList<>();
                if (position.isTextual()) {
                    accepted.add(hash32(position, "invalid argument 0: invalid topic(s)"));
                } else if (position.isArray()) {
                    for (JsonNode e : position) {
                        if (!e.isNull()) {
                            accepted.add(hash32(e, "invalid argument 0: invalid topic(s)"));
                        }
                    }
                } else if (!position.isNull()) {
                    throw RpcException.invalidParams("invalid argument 0: invalid topic(s)");
                }
                if (accepted.size() > MAX_CRITERIA) {
                    throw RpcException.serverError("exceed max addresses or topics per search position");
                }
                topics.add(accepted);
            }
        }
        return new LogFilter(blockHash, from, to, addresses, topics, addresses.stream().map(LogFilter::bloomMask).toList(),
                topics.stream().map(p -> p.stream().map(LogFilter::bloomMask).toList()).toList());
    }

    /** Whether the block's header bloom may hold a matching log (no false negatives). */
    boolean mayMatch(byte[] bloom) {
        if (!addressBlooms.isEmpty() && addressBlooms.stream().noneMatch(m -> inBloom(bloom, m))) {
            return false;
        }
        for (List<byte[]> position : topicBlooms) {
            if (!position.isEmpty() && position.stream().noneMatch(m -> inBloom(bloom, m))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code log} matches. */
    boolean matches(Log log) {
        if (!addresses.isEmpty() && addresses.stream().noneMatch(x -> Arrays.equals(x, log.address()))) {
            return false;
        }
        if (topics.size() > log.topics().size()) {
            return false;
        }
        for (int i = 0; i < topics.size(); i++) {
            List<byte[]> accepted = topics.get(i);
            byte[] topic = log.topics().get(i);
            if (!accepted.isEmpty() && accepted.stream().noneMatch(x -> Arrays.equals(x, topic))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] bloomMask(byte[] value) {
        byte[] mask = new byte[256];
        Receipt.addToBloom(mask, value);
        return mask;
    }

    private static boolean inBloom(byte[] bloom, byte[] mask) {
        for (int i = 0; i < 256; i++) {
            if ((mask[i] & bloom[i]) != mask[i]) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode present(JsonNode n) {
        return n == null || n.isNull() ? null : n;
    }

    private static byte[] address(JsonNode n) throws RpcException {
        byte[] b = hex(n, "invalid argument 0: invalid addresses in query");
        if (b.length != 20) {
            throw RpcException.invalidParams("invalid argument 0: invalid addresses in query");
        }
        return b;
    }

    private static byte[] hash32(JsonNode n, String error) throws RpcException {
        byte[] b = hex(n, error);
        if (b.length != 32) {
            throw RpcException.invalidParams(error);
        }
        return b;
    }

    private static byte[] hex(JsonNode n, String error) throws RpcException {
        String s = n.isTextual() ? n.asText() : "";
        if (!s.startsWith("0x") || s.length() % 2 != 0) {
            throw RpcException.invalidParams(error);
        }
        try {
            return Hex.bytes(s);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams(error);
        }
    }
}
