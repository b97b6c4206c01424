package org.ethercattle.ethereum.roundtrip;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ethercattle.ethereum.roundtrip.GeneratedReceipt.GeneratedLog;
import org.ethercattle.ethereum.types.Hex;

/**
 * A random {@code eth_getLogs} filter and the rule geth applies to it, restated from geth's {@code filterLogs}: a
 * log matches when its address is one of {@code addresses} (any when empty) and, for each topic position, the
 * position's set is empty or holds the log's topic there (a log with fewer topics than positions never matches).
 *
 * @param blockHash the one block queried, or {@code null} for the range {@code [from, to]}
 * @param fromTag the text sent as {@code fromBlock} ({@code null}: left out, meaning latest)
 * @param toTag the text sent as {@code toBlock}
 * @param topics per position the accepted topics; {@code null} is sent as JSON null, an empty list as {@code []}
 */
record LogQuery(byte[] blockHash, long from, long to, String fromTag, String toTag, List<byte[]> addresses,
        boolean addressAsList, List<List<byte[]>> topics) {

    /** The filter object as sent. */
    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (blockHash != null) {
            o.put("blockHash", Hex.data(blockHash));
        } else {
            if (fromTag != null) {
                o.put("fromBlock", fromTag);
            }
            if (toTag != null) {
                o.put("toBlock", toTag);
            }
        }
        if (addressAsList) {
            ArrayNode a = o.putArray("address");
            addresses.forEach(x -> a.add(Hex.data(x)));
        } else if (!addresses.isEmpty()) {
            o.put("address", Hex.data(addresses.get(0)));
        }
        if (!topics.isEmpty()) {
            ArrayNode t = o.putArray("topics");
            for (List<byte[]> position : topics) {
                if (position == null) {
                    t.addNull();
                } else if (position.size() == 1 && position.get(0).length == 32 && t.size() % 2 == 0) {
                    // Even positions send a lone topic as a string, odd ones as a one-element list: both forms.
                    t.add(Hex.data(position.get(0)));
                } else {
                    ArrayNode any = t.addArray();
                    position.forEach(x -> any.add(Hex.data(x)));
                }
            }
        }
        return o;
    }

    /** Whether block {@code number} is in the queried range (for a block-hash query: is that block). */
    boolean covers(long number, byte[] hash) {
        return blockHash != null ? Arrays.equals(blockHash, hash) : number >= from && number <= to;
    }

    /** Whether {@code log} passes the address and topic criteria. */
    boolean matches(GeneratedLog log) {
        if (!addresses.isEmpty() && addresses.stream().noneMatch(a -> Arrays.equals(a, log.address()))) {
            return false;
        }
        if (topics.size() > log.topics().size()) {
            return false;
        }
        for (int i = 0; i < topics.size(); i++) {
            List<byte[]> accepted = topics.get(i);
            if (accepted == null || accepted.isEmpty()) {
                continue;
            }
            byte[] topic = log.topics().get(i);
            if (accepted.stream().noneMatch(a -> Arrays.equals(a, topic))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random filter over {@code chain}: its criteria are drawn from a real log (so that most match something)
     * mixed with another's, a block range with numbers or tags (or one block by hash), addresses as a string or a
     * list, and up to three topic positions, each any (null or []), one topic, or a choice of two.
     */
    static LogQuery random(Random rnd, GeneratedChain chain) {
        long head = chain.head().number();
        List<GeneratedLog> all = new ArrayList<>();
        chain.blocks().forEach(b -> b.receipts().forEach(r -> all.addAll(r.logs())));
        GeneratedLog sample = all.get(rnd.nextInt(all.size()));
        List<byte[]> addresses = new ArrayList<>();
        boolean asList = false;
        switch (rnd.nextInt(4)) {
            case 0 -> { }
            case 1 -> addresses.add(sample.address());
            default -> {
                asList = true;
                addresses.add(sample.address());
                if (rnd.nextBoolean()) {
                    addresses.add(all.get(rnd.nextInt(all.size())).address());
                }
            }
        }
        List<List<byte[]>> topics = new ArrayList<>();
        int positions = rnd.nextInt(Math.min(3, sample.topics().size()) + 1);
        for (int i = 0; i < positions; i++) {
            switch (rnd.nextInt(4)) {
                case 0 -> topics.add(null);
                case 1 -> topics.add(List.of());
                case 2 -> topics.add(List.of(sample.topics().get(i)));
                default -> {
                    GeneratedLog other = all.get(rnd.nextInt(all.size()));
                    List<byte[]> any = new ArrayList<>(List.of(sample.topics().get(i)));
                    if (!other.topics().isEmpty()) {
                        any.add(other.topics().get(rnd.nextInt(other.topics().size())));
                    }
                    topics.add(any);
                }
            }
        }
        if (rnd.nextInt(6) == 0) {
            GeneratedBlock b = chain.blocks().get(rnd.nextInt(chain.blocks().size()));
            return new LogQuery(b.hash(), 0, 0, null, null, addresses, asList, topics);
        }
        long from = rnd.nextInt((int) head + 1);
        long to = from + rnd.nextInt((int) (head - from) + 1);
        String fromTag = Hex.quantity(from);
        String toTag = Hex.quantity(to);
        switch (rnd.nextInt(8)) {
            case 0 -> {
                from = 0;
                fromTag = "earliest";
            }
            case 1 -> {
                to = head;
                toTag = "latest";
            }
            case 2 -> {
                // Left out, toBlock means latest.
                to = head;
                toTag = null;
            }
            case 3 -> {
                if (from <= chain.finalized()) {
                    to = chain.finalized();
                    toTag = "finalized";
                }
            }
            default -> { }
        }
        return new LogQuery(null, from, to, fromTag, toTag, addresses, asList, topics);
    }
}
