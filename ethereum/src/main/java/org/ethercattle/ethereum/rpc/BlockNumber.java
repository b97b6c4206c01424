package org.ethercattle.ethereum.rpc;

import java.util.Objects;

/**
 * A decoded {@code rpc.BlockNumber}: either one of geth's tags or a concrete block number.
 *
 * @param tag which kind of block is meant
 * @param number the block number when {@code tag} is {@link Tag#NUMBER}, otherwise 0; never negative
 */
public record BlockNumber(Tag tag, long number) {

    /** The block a {@link BlockNumber} names. */
    public enum Tag {
        /** A concrete block number. */
        NUMBER,
        /** "earliest": the genesis block, or the oldest one kept. */
        EARLIEST,
        /** "latest": the head. */
        LATEST,
        /** "pending": the block being built. */
        PENDING,
        /** "safe": the latest safe block. */
        SAFE,
        /** "finalized": the latest finalized block. */
        FINALIZED
    }

    /** Checks the number is non-negative and only set with {@link Tag#NUMBER}. */
    public BlockNumber {
        Objects.requireNonNull(tag, "tag");
        if (number < 0 || (tag != Tag.NUMBER && number != 0)) {
            throw new IllegalArgumentException("block number " + number + " with tag " + tag
                    + " is invalid; numbers are non-negative and only set with tag NUMBER");
        }
    }

    /** A concrete block number. */
    public static BlockNumber of(long number) {
        return new BlockNumber(Tag.NUMBER, number);
    }

    /** A tag other than {@link Tag#NUMBER}. */
    public static BlockNumber of(Tag tag) {
        return new BlockNumber(tag, 0);
    }

    /** The tag for geth's spelling ("latest", "earliest", "pending", "safe", "finalized"), or null. */
    static Tag tagNamed(String text) {
        return switch (text) {
            case "earliest" -> Tag.EARLIEST;
            case "latest" -> Tag.LATEST;
            case "pending" -> Tag.PENDING;
            case "safe" -> Tag.SAFE;
            case "finalized" -> Tag.FINALIZED;
            default -> null;
        };
    }
}
