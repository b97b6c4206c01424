package org.ethercattle.ethereum.tx;

import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.types.Transaction;

/**
 * Decodes the bytes {@code eth_sendRawTransaction} receives, with geth's texts for what it can name: "typed
 * transaction too short", "transaction type not supported". A blob transaction arrives in its network form (the
 * transaction followed by its sidecar of blobs, commitments and proofs); the transaction inside it is what is
 * validated and hashed, and the whole network form is what is published, since a node needs the sidecar.
 */
public final class RawTransactions {

    private RawTransactions() {}

    /**
     * A decoded submission.
     *
     * @param tx the transaction (for a blob transaction, without its sidecar)
     * @param hasSidecar whether a blob transaction came with a sidecar (always false for other types)
     */
    public record Decoded(Transaction tx, boolean hasSidecar) {}

    /**
     * Decodes {@code raw}.
     *
     * @throws RpcException -32000 with geth's text, or the decoder's reason for malformed RLP
     */
    public static Decoded decode(byte[] raw) throws RpcException {
        if (raw.length == 0 || (raw.length == 1 && (raw[0] & 0xff) < 0x80)) {
            throw RpcException.serverError("typed transaction too short");
        }
        int first = raw[0] & 0xff;
        if (first < 0x80 && first > Transaction.SET_CODE) {
            throw RpcException.serverError("transaction type not supported");
        }
        try {
            byte[] canonical = Transaction.canonicalForm(raw);
            return new Decoded(Transaction.decode(canonical), canonical != raw);
        } catch (RuntimeException e) {
            // Whatever the decoder trips over in untrusted bytes is the client's malformed input, not a crash.
            throw RpcException.serverError("rlp: " + e.getMessage());
        }
    }
}
