package org.ethercattle.ethereum.follow;

/**
 * What a node sent for a block does not check out: a re-encoded header does not hash to the block hash, the
 * transactions, receipts or withdrawals do not match their root, or the node sent something malformed. Nothing of
 * that block has been written when this is thrown; the follower stops, since writing it would be a wrong write.
 */
public final class BlockMismatchException extends IllegalStateException {

    private final long number;
    private final String field;

    /**
     * A mismatch in block {@code number}.
     *
     * @param number the block's number
     * @param field the field that does not check, as the node's JSON names it (such as {@code receiptsRoot})
     * @param detail what was expected and found, and what to do
     */
    public BlockMismatchException(long number, String field, String detail) {
        super("block " + number + ", field " + field + ": " + detail);
        this.number = number;
        this.field = field;
    }

    /** The block's number. */
    public long number() {
        return number;
    }

    /** The field that did not check. */
    public String field() {
        return field;
    }
}
