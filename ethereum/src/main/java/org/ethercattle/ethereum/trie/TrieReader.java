package org.ethercattle.ethereum.trie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * Reads a Merkle-Patricia trie stored the hash-scheme way (see {@link NodeSource}): looks up a key's
 * value and builds the Merkle proof geth's {@code trie.Prove} returns.
 *
 * <p>Keys are the trie's raw keys: a state or storage trie is keyed by keccak of the address or slot,
 * which the caller applies (see the {@code state} package). The {@linkplain TrieNodes#emptyRoot()
 * empty root} is understood without a lookup. A node the walk needs but the source lacks raises
 * {@link MissingTrieNodeException}; a node that does not decode raises {@link IllegalStateException}.
 * Thread-safe when the source is; arrays passed in are not retained, arrays returned are fresh.
 */
public final class TrieReader {

    private static final byte[] EMPTY_ROOT = TrieNodes.emptyRoot();

    private final NodeSource source;

    /** A reader over {@code source}. */
    public TrieReader(NodeSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * Returns the value stored under {@code key} in the trie with root hash {@code root}, or empty
     * when the trie has no such key.
     *
     * @throws MissingTrieNodeException when a node on the key's path is not in the source
     */
    public Optional<byte[]> get(byte[] root, byte[] key) {
        return Optional.ofNullable(walk(root, key, null));
    }

    /**
     * Returns the proof for {@code key}: the RLP of every node stored by hash on the path from the root
     * towards the key, the root first, as geth's {@code trie.Prove} and {@code eth_getProof} give it.
     * Nodes embedded in their parent appear only inside the parent's RLP. For an absent key the list
     * ends with the node that proves the absence; for the empty root it is empty.
     *
     * @throws MissingTrieNodeException when a node on the key's path is not in the source
     */
    public List<byte[]> proof(byte[] root, byte[] key) {
        List<byte[]> proof = new ArrayList<>();
        walk(root, key, proof);
        return proof;
    }

    /** Follows {@code key} from {@code root}; returns its value or null, adding hashed nodes to {@code proof}. */
    private byte[] walk(byte[] root, byte[] key, List<byte[]> proof) {
        if (root.length != TrieNodes.HASH_LENGTH) {
            throw new IllegalArgumentException("a trie root is a 32-byte hash, got " + root.length + " bytes");
        }
        if (Arrays.equals(root, EMPTY_ROOT)) {
            return null;
        }
        byte[] path = Nibbles.of(key);
        int at = 0;
        RlpType reference = RlpString.create(root);
        while (true) {
            RlpList node = resolve(reference, path, at, proof);
            if (node == null) {
                return null;
            }
            List<RlpType> items = node.getValues();
            if (items.size() == 17) {
                if (at == path.length) {
                    return present(TrieNodes.bytes(items.get(16)));
                }
                reference = items.get(path[at++]);
                continue;
            }
            byte[] compact = TrieNodes.bytes(items.get(0));
            byte[] segment = Nibbles.fromCompact(compact);
            if (!startsWith(path, at, segment)) {
                return null;
            }
            at += segment.length;
            if (Nibbles.isLeaf(compact)) {
                return at == path.length ? present(TrieNodes.bytes(items.get(1))) : null;
            }
            reference = items.get(1);
        }
    }

    /** Turns a child reference into its node: null for "no child", a lookup for a hash, itself when embedded. */
    private RlpList resolve(RlpType reference, byte[] path, int at, List<byte[]> proof) {
        if (reference instanceof RlpList embedded) {
            return embedded;
        }
        byte[] hash = TrieNodes.bytes(reference);
        if (hash.length == 0) {
            return null;
        }
        if (hash.length != TrieNodes.HASH_LENGTH) {
            throw new IllegalStateException("trie child reference of " + hash.length
                    + " bytes is neither a hash nor an embedded node; the database is corrupt");
        }
        byte[] encoded = source.node(hash);
        if (encoded == null) {
            throw new MissingTrieNodeException(hash, Arrays.copyOf(path, at));
        }
        if (proof != null) {
            proof.add(encoded);
        }
        return TrieNodes.decode(encoded, hash);
    }

    private static byte[] present(byte[] value) {
        // geth never stores an empty value: an empty value slot means "no value here".
        return value.length == 0 ? null : value;
    }

    private static boolean startsWith(byte[] path, int at, byte[] segment) {
        if (path.length - at < segment.length) {
            return false;
        }
        return Arrays.equals(path, at, at + segment.length, segment, 0, segment.length);
    }
}
