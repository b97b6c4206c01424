package org.ethercattle.ethereum.types;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpType;

/**
 * A transaction receipt's consensus fields: the outcome (a status, or the post-transaction state root before
 * Byzantium), the block's cumulative gas after it, and its logs. Everything else an RPC receipt shows (gas used,
 * contract address, fees, log positions) is derived from the block.
 *
 * <p>geth stores receipts of a block as one RLP list under {@code r + num + hash}, in one of three layouts its
 * readers accept: the current {@code [status, cumulativeGas, logs]}; the v4 {@code [status, cumulativeGas, txHash,
 * contractAddress, logs, gasUsed]}; and the v3 {@code [status, cumulativeGas, bloom, txHash, contractAddress,
 * logs, gasUsed]}, whose logs may carry their old eight-field form. {@link #decodeStored} reads all of them.
 *
 * @param type the transaction's type
 * @param postState the pre-Byzantium state root, or {@code null}
 * @param status 1 success, 0 failure (meaningless when {@code postState} is set)
 * @param cumulativeGasUsed gas used in the block up to and including this transaction
 * @param logs the logs in order
 */
public record Receipt(int type, byte[] postState, int status, long cumulativeGasUsed, List<Log> logs) {

    /**
     * Decodes the stored receipts of a block; the transactions give each receipt its type, which the stored form
     * leaves out.
     *
     * @throws IllegalArgumentException when the list does not match the transactions or is none of geth's layouts
     */
    public static List<Receipt> decodeStored(byte[] stored, List<Transaction> txs) {
        List<RlpType> items = Rlp.list(stored, "stored receipts");
        if (items.size() != txs.size()) {
            throw new IllegalArgumentException("stored receipts: " + items.size() + " receipts for "
                    + txs.size() + " transactions");
        }
        List<Receipt> receipts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            List<RlpType> f = Rlp.list(items.get(i), "stored receipt " + i);
            int logsAt = switch (f.size()) {
                case 3 -> 2;
                case 6 -> 4;
                case 7 -> 5;
                default -> throw new IllegalArgumentException("stored receipt " + i + " has " + f.size()
                        + " fields: none of geth's layouts (3, 6 or 7)");
            };
            byte[] outcome = Rlp.bytes(f.get(0), "receipt status");
            List<Log> logs = Rlp.list(f.get(logsAt), "receipt logs").stream().map(Receipt::log).toList();
            receipts.add(new Receipt(txs.get(i).type(), outcome.length == 32 ? outcome : null,
                    outcome.length == 1 && outcome[0] == 1 ? 1 : 0, Rlp.u64(f.get(1), "cumulativeGasUsed"), logs));
        }
        return receipts;
    }

    /**
     * Decodes one receipt's consensus encoding (what {@code debug_getRawReceipts} returns and the receipts trie
     * holds): {@code [status, cumulativeGas, bloom, logs]}, prefixed with the type byte for typed transactions.
     */
    public static Receipt decodeConsensus(byte[] encoded) {
        int type = Transaction.LEGACY;
        byte[] list = encoded;
        if (encoded.length > 0 && (encoded[0] & 0xff) < 0x80) {
            type = encoded[0];
            list = java.util.Arrays.copyOfRange(encoded, 1, encoded.length);
        }
        List<RlpType> f = Rlp.list(list, "receipt");
        if (f.size() != 4) {
            throw new IllegalArgumentException("receipt: expected 4 fields, found " + f.size());
        }
        byte[] outcome = Rlp.bytes(f.get(0), "receipt status");
        return new Receipt(type, outcome.length == 32 ? outcome : null, outcome.length == 1 && outcome[0] == 1 ? 1 : 0,
                Rlp.u64(f.get(1), "cumulativeGasUsed"),
                Rlp.list(f.get(3), "receipt logs").stream().map(Receipt::log).toList());
    }

    private static Log log(RlpType item) {
        // The current form is [address, topics, data]; the legacy stored form appends five position fields.
        List<RlpType> f = Rlp.list(item, "log");
        return new Log(Rlp.fixed(f.get(0), 20, "log address"),
                Rlp.list(f.get(1), "log topics").stream().map(t -> Rlp.fixed(t, 32, "log topic")).toList(),
                Rlp.bytes(f.get(2), "log data"));
    }

    /** The current stored encoding of a block's receipts: {@code [[status, cumulativeGas, logs], ...]}. */
    public static byte[] encodeStored(List<Receipt> receipts) {
        List<RlpType> items = new ArrayList<>();
        for (Receipt r : receipts) {
            items.add(new RlpList(r.outcome(), Rlp.uint(r.cumulativeGasUsed), logsRlp(r.logs)));
        }
        return Rlp.encodeList(items);
    }

    /** The consensus encoding ({@code debug_getRawReceipts}, the receipts trie's values). */
    public byte[] encodeConsensus() {
        byte[] list = Rlp.encode(new RlpList(outcome(), Rlp.uint(cumulativeGasUsed), Rlp.string(bloom()),
                logsRlp(logs)));
        if (type == Transaction.LEGACY) {
            return list;
        }
        byte[] typed = new byte[list.length + 1];
        typed[0] = (byte) type;
        System.arraycopy(list, 0, typed, 1, list.length);
        return typed;
    }

    /**
     * The receipts root of a block with {@code receipts}: the trie of {@code rlp(index) -> consensus encoding},
     * which a header commits to; a block's stored receipts are right exactly when this equals its receiptsRoot.
     */
    public static byte[] trieRoot(List<Receipt> receipts) {
        org.ethercattle.ethereum.trie.TrieBuilder trie = new org.ethercattle.ethereum.trie.TrieBuilder();
        for (int i = 0; i < receipts.size(); i++) {
            trie.put(Rlp.encode(Rlp.uint(i)), receipts.get(i).encodeConsensus());
        }
        return trie.root();
    }

    /** The 2048-bit bloom filter of this receipt's log addresses and topics. */
    public byte[] bloom() {
        byte[] bloom = new byte[256];
        for (Log log : logs) {
            addToBloom(bloom, log.address());
            log.topics().forEach(t -> addToBloom(bloom, t));
        }
        return bloom;
    }

    /** ORs {@code value}'s three bloom bits into {@code bloom} (the yellow paper's M3:2048). */
    public static void addToBloom(byte[] bloom, byte[] value) {
        byte[] h = Hash.sha3(value);
        for (int i = 0; i < 6; i += 2) {
            int bit = ((h[i] & 0x07) << 8 | (h[i + 1] & 0xff));
            bloom[256 - 1 - bit / 8] |= (byte) (1 << (bit % 8));
        }
    }

    private RlpType outcome() {
        if (postState != null) {
            return Rlp.string(postState);
        }
        return Rlp.string(status == 1 ? new byte[] {1} : new byte[0]);
    }

    private static RlpList logsRlp(List<Log> logs) {
        List<RlpType> items = new ArrayList<>();
        for (Log l : logs) {
            List<RlpType> topics = new ArrayList<>();
            l.topics().forEach(t -> topics.add(Rlp.string(t)));
            items.add(new RlpList(Rlp.string(l.address()), new RlpList(topics), Rlp.string(l.data())));
        }
        return new RlpList(items);
    }
}
