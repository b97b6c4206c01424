package org.ethercattle.ethereum.trie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.ethercattle.api.KeyValueWriter;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * Builds a Merkle-Patricia trie from (key, value) pairs and writes it the hash-scheme way: every node
 * whose RLP is 32 bytes or longer, and the root, under its keccak-256. Nodes shorter than 32 bytes are
 * embedded in their parent and not written.
 *
 * <p>Entries are collected in memory, sorted by unsigned key order; {@link #build} then makes one
 * pass over the sorted entries, hashing each subtree as soon as it is complete, so nodes are never
 * held beyond the path being built. Memory is the entries themselves (a 100k-account state is some
 * tens of megabytes). Putting a key again replaces its value; an empty value removes the key, as in
 * geth. Not thread-safe. Keys and values are copied on {@link #put}.
 */
public final class TrieBuilder {

    private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);

    /** Sets {@code key} to {@code value}; an empty {@code value} removes the key. Both are copied. */
    public TrieBuilder put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (value.length == 0) {
            entries.remove(key);
        } else {
            entries.put(key.clone(), value.clone());
        }
        return this;
    }

    /**
     * The root hash alone, writing no node: for checking a root a header commits to (transactions, receipts,
     * withdrawals) without storing the trie.
     */
    public byte[] root() {
        return build(DISCARD);
    }

    private static final KeyValueWriter DISCARD = new KeyValueWriter() {
        @Override
        public void put(byte[] key, byte[] value) {}

        @Override
        public void delete(byte[] key) {}
    };

    /** Number of keys currently in the trie. */
    public int size() {
        return entries.size();
    }

    /**
     * Computes the root hash and writes every hashed node into {@code out} (node hash to node RLP).
     * An empty builder writes nothing and returns the {@linkplain TrieNodes#emptyRoot() empty root}.
     * The builder keeps its entries; building again writes the same nodes again.
     *
     * @return the 32-byte root hash
     */
    public byte[] build(KeyValueWriter out) {
        Objects.requireNonNull(out, "out");
        if (entries.isEmpty()) {
            return TrieNodes.emptyRoot();
        }
        List<byte[]> paths = new ArrayList<>(entries.size());
        List<byte[]> values = new ArrayList<>(entries.size());
        for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
            paths.add(Nibbles.of(entry.getKey()));
            values.add(entry.getValue());
        }
        byte[] encoded = TrieNodes.encode(new Subtrie(paths, values, out).node(0, paths.size(), 0));
        // The root is stored by hash whatever its length: readers always start from a hash.
        byte[] root = TrieNodes.keccak(encoded);
        out.put(root, encoded);
        return root;
    }

    /** One build pass over sorted paths; {@code [from, to)} always share their first {@code depth} nibbles. */
    private record Subtrie(List<byte[]> paths, List<byte[]> values, KeyValueWriter out) {

        RlpList node(int from, int to, int depth) {
            if (to - from == 1) {
                byte[] path = paths.get(from);
                return new RlpList(RlpString.create(Nibbles.compact(path, depth, path.length, true)),
                        RlpString.create(values.get(from)));
            }
            int shared = sharedLength(paths.get(from), paths.get(to - 1), depth);
            if (shared > depth) {
                return new RlpList(RlpString.create(Nibbles.compact(paths.get(from), depth, shared, false)),
                        reference(branch(from, to, shared)));
            }
            return branch(from, to, depth);
        }

        private RlpList branch(int from, int to, int depth) {
            RlpType[] items = new RlpType[17];
            Arrays.fill(items, RlpString.create(new byte[0]));
            int at = from;
            // Sorted order puts a key that ends exactly here first; it is the branch's own value.
            if (paths.get(at).length == depth) {
                items[16] = RlpString.create(values.get(at));
                at++;
            }
            while (at < to) {
                int nibble = paths.get(at)[depth];
                int end = at + 1;
                while (end < to && paths.get(end)[depth] == nibble) {
                    end++;
                }
                items[nibble] = reference(node(at, end, depth + 1));
                at = end;
            }
            return new RlpList(items);
        }

        /** A child as its parent holds it: embedded when short, else hashed and written. */
        private RlpType reference(RlpList child) {
            byte[] encoded = TrieNodes.encode(child);
            if (encoded.length < TrieNodes.HASH_LENGTH) {
                return child;
            }
            byte[] hash = TrieNodes.keccak(encoded);
            out.put(hash, encoded);
            return RlpString.create(hash);
        }

        /** Length of the common nibble prefix of {@code a} and {@code b}, known to share {@code depth}. */
        private static int sharedLength(byte[] a, byte[] b, int depth) {
            int limit = Math.min(a.length, b.length);
            int at = depth;
            while (at < limit && a[at] == b[at]) {
                at++;
            }
            return at;
        }
    }
}
