package org.ethercattle.ethereum.trie;

import java.util.HexFormat;

/**
 * A trie node the walk needed is not in the node source. The message follows geth's
 * {@code missing trie node <hash> (path <path>)}: the hash is 0x-prefixed hex, the path the nibbles
 * walked from the root to the node's parent, as hex digits (empty for the root). Usually the state
 * at that root was pruned or never fully copied; read a root the database holds, or re-sync it.
 */
public final class MissingTrieNodeException extends IllegalStateException {

    private final byte[] hash;
    private final byte[] path;

    /**
     * @param hash the 32-byte hash the node is stored under (copied)
     * @param path the nibbles from the root to the reference, one nibble per byte (copied)
     */
    public MissingTrieNodeException(byte[] hash, byte[] path) {
        super("missing trie node 0x" + HexFormat.of().formatHex(hash) + " (path " + nibbleText(path) + ")"
                + "; the database does not hold the state at this root: read a root it holds or re-sync it");
        this.hash = hash.clone();
        this.path = path.clone();
    }

    /** The hash of the missing node; a fresh copy. */
    public byte[] hash() {
        return hash.clone();
    }

    /** The nibbles walked before the missing node, one per byte; a fresh copy. */
    public byte[] path() {
        return path.clone();
    }

    private static String nibbleText(byte[] nibbles) {
        StringBuilder text = new StringBuilder(nibbles.length);
        for (byte nibble : nibbles) {
            text.append(Character.forDigit(nibble, 16));
        }
        return text.toString();
    }
}
