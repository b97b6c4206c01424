package org.ethercattle.ethereum.ethercattle;

import static org.ethercattle.ethereum.ethercattle.EtherCattleFormat.BATCH_ID_BYTES;
import static org.ethercattle.ethereum.ethercattle.EtherCattleFormat.FRAGMENT;
import static org.ethercattle.ethereum.ethercattle.EtherCattleFormat.FRAGMENT_HEADER_BYTES;

import java.util.Objects;

/**
 * Builds each message of the original Ether Cattle format, byte for byte as the original master emits
 * it. Every method returns a fresh array; arguments are not kept.
 */
public final class EtherCattleMessages {

    private EtherCattleMessages() {}

    /** {@code [0x00][RLP [key, value]]}: what the original master emits for a single {@code Put}. */
    public static byte[] put(byte[] key, byte[] value) {
        return prefixed(EtherCattleFormat.OP_PUT, Rlp.list(key, value));
    }

    /** {@code [0x01][key]}: a single {@code Delete}. */
    public static byte[] delete(byte[] key) {
        return prefixed(EtherCattleFormat.OP_DELETE, key);
    }

    /** {@code [0x02][batch id]}: commits the fragments sent under {@code batchId}. */
    public static byte[] commit(byte[] batchId) {
        return prefixed(EtherCattleFormat.OP_WRITE, checkId(batchId));
    }

    /** {@code [0x03]}. */
    public static byte[] heartbeat() {
        return new byte[] {EtherCattleFormat.OP_HEARTBEAT};
    }

    /** {@code [0x04][key]}: a read on the read stream. */
    public static byte[] get(byte[] key) {
        return prefixed(EtherCattleFormat.OP_GET, key);
    }

    /** {@code [0x05][key]}: a read on the read stream. */
    public static byte[] has(byte[] key) {
        return prefixed(EtherCattleFormat.OP_HAS, key);
    }

    /** {@code [0x06][RLP [number, hash, header, body, receipts, td]]}. */
    public static byte[] appendAncient(AncientBlock block) {
        byte[] rlp = Rlp.list(Rlp.unsignedBytes(block.number()), block.hash(), block.header(), block.body(),
                block.receipts(), block.td());
        return prefixed(EtherCattleFormat.OP_APPEND_ANCIENT, rlp);
    }

    /** {@code [0x07][RLP uint64 count]}: keep the first {@code count} ancient blocks. */
    public static byte[] truncateAncients(long count) {
        return prefixed(EtherCattleFormat.OP_TRUNCATE_ANCIENTS, Rlp.uint64(count));
    }

    /** {@code [0x08]}. */
    public static byte[] sync() {
        return new byte[] {EtherCattleFormat.OP_SYNC};
    }

    /** {@code [0xFF][0x00][batch id][RLP [key, value]]}: one put of a batch. */
    public static byte[] fragmentPut(byte[] batchId, byte[] key, byte[] value) {
        return fragment(EtherCattleFormat.OP_PUT, batchId, Rlp.list(key, value));
    }

    /** {@code [0xFF][0x01][batch id][key]}: one delete of a batch. */
    public static byte[] fragmentDelete(byte[] batchId, byte[] key) {
        return fragment(EtherCattleFormat.OP_DELETE, batchId, key);
    }

    private static byte[] fragment(byte subOp, byte[] batchId, byte[] payload) {
        byte[] out = new byte[FRAGMENT_HEADER_BYTES + payload.length];
        out[0] = FRAGMENT;
        out[1] = subOp;
        System.arraycopy(checkId(batchId), 0, out, 2, BATCH_ID_BYTES);
        System.arraycopy(payload, 0, out, FRAGMENT_HEADER_BYTES, payload.length);
        return out;
    }

    private static byte[] prefixed(byte op, byte[] payload) {
        byte[] out = new byte[1 + payload.length];
        out[0] = op;
        System.arraycopy(payload, 0, out, 1, payload.length);
        return out;
    }

    private static byte[] checkId(byte[] batchId) {
        Objects.requireNonNull(batchId, "batchId");
        if (batchId.length != BATCH_ID_BYTES) {
            throw new IllegalArgumentException("a batch id is " + BATCH_ID_BYTES + " bytes, not " + batchId.length);
        }
        return batchId;
    }
}
