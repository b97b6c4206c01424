package org.ethercattle.ethereum.trie;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a Merkle proof as geth's {@code trie.VerifyProof} does: the proof's nodes are indexed by
 * their own keccak-256, then the key is looked up from the root hash through that index alone. A
 * node whose hash the walk reaches but the proof lacks makes the proof invalid.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /**
     * Returns the value {@code proof} proves for {@code key} under {@code root}, or empty when it
     * proves the key absent.
     *
     * @throws InvalidProofException when the proof does not reach the key's value or its absence
     */
    public static Optional<byte[]> verify(byte[] root, byte[] key, List<byte[]> proof) {
        Map<ByteBuffer, byte[]> byHash = new HashMap<>();
        for (byte[] node : proof) {
            byHash.put(ByteBuffer.wrap(TrieNodes.keccak(node)), node);
        }
        try {
            return new TrieReader(hash -> byHash.get(ByteBuffer.wrap(hash))).get(root, key);
        } catch (MissingTrieNodeException incomplete) {
            throw new InvalidProofException("proof for key 0x" + HexFormat.of().formatHex(key) + " under root 0x"
                    + HexFormat.of().formatHex(root) + " lacks node 0x" + HexFormat.of().formatHex(incomplete.hash())
                    + "; the proof is incomplete or was made for another root", incomplete);
        } catch (IllegalStateException malformed) {
            throw new InvalidProofException("proof for key 0x" + HexFormat.of().formatHex(key)
                    + " holds a malformed node: " + malformed.getMessage(), malformed);
        }
    }

    /** A proof that does not prove anything about its key under its root. */
    public static final class InvalidProofException extends IllegalArgumentException {
        InvalidProofException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
