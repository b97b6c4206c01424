package org.ethercattle.ethereum.trie;

import java.util.HexFormat;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * The constants and node encoding rules shared by {@link TrieReader} and {@link TrieBuilder}: a
 * branch is a 17-item list (16 children and a value), a leaf or an extension a 2-item list of a
 * hex-prefix path and a value or child; a child is referenced by its RLP when that is shorter than 32
 * bytes (embedded) and by its 32-byte keccak otherwise.
 */
public final class TrieNodes {

    /** keccak256(rlp("")): the root of a trie with no entries. Fresh copy on each call. */
    public static byte[] emptyRoot() {
        return HexFormat.of().parseHex("56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    }

    /** Node RLP shorter than this is embedded in its parent instead of stored under its hash. */
    static final int HASH_LENGTH = 32;

    private TrieNodes() {
    }

    /** Decodes one node's RLP into its item list; the caller has already fetched it by hash. */
    static RlpList decode(byte[] encoded, byte[] hash) {
        try {
            RlpType node = RlpDecoder.decode(encoded).getValues().get(0);
            if (node instanceof RlpList list && (list.getValues().size() == 17 || list.getValues().size() == 2)) {
                return list;
            }
        } catch (RuntimeException malformed) {
            throw malformed(hash, malformed);
        }
        throw malformed(hash, null);
    }

    /** The bytes of an item that must be an RLP string (a path, a value or a hash reference). */
    static byte[] bytes(RlpType item) {
        if (item instanceof RlpString string) {
            return string.getBytes();
        }
        throw new IllegalStateException("trie node item is a list where a string (path, value or hash) belongs; "
                + "the node is malformed, the database is corrupt");
    }

    /** keccak-256 of {@code data}. */
    static byte[] keccak(byte[] data) {
        return Hash.sha3(data);
    }

    /** RLP-encodes a node. */
    static byte[] encode(RlpList node) {
        return RlpEncoder.encode(node);
    }

    private static IllegalStateException malformed(byte[] hash, RuntimeException cause) {
        return new IllegalStateException("trie node 0x" + HexFormat.of().formatHex(hash)
                + " is not a valid branch, extension or leaf RLP; the database is corrupt, re-sync this state", cause);
    }
}
