package org.ethercattle.ethereum.rawdb;

import java.util.List;
import java.util.Optional;
import org.ethercattle.ethereum.types.Rlp;
import org.web3j.rlp.RlpType;

/**
 * Where a transaction is, as a tx lookup entry ({@code l + txHash}) says. geth has written three forms and reads
 * all of them, so a replica of an old database must too:
 * <ul>
 *   <li>database version 6 and later: the block number, big-endian without leading zeros;</li>
 *   <li>versions 4 and 5: the 32-byte block hash;</li>
 *   <li>version 3 and earlier: an RLP list {@code [blockHash, blockNumber, txIndex]}.</li>
 * </ul>
 *
 * @param number the block number, or {@code null} when the entry names only the hash
 * @param blockHash the block hash, or {@code null} when the entry names only the number
 */
public record TxLookup(Long number, byte[] blockHash) {

    /** Decodes an entry of any of the three forms. */
    public static TxLookup decode(byte[] value) {
        if (value.length == 32) {
            return new TxLookup(null, value);
        }
        if (value.length > 0 && (value[0] & 0xff) >= 0xc0) {
            List<RlpType> legacy = Rlp.list(value, "tx lookup entry");
            return new TxLookup(Rlp.u64(legacy.get(1), "tx lookup block number"),
                    Rlp.fixed(legacy.get(0), 32, "tx lookup block hash"));
        }
        if (value.length > 8) {
            throw new IllegalArgumentException("tx lookup entry of " + value.length + " bytes is none of geth's forms");
        }
        long n = 0;
        for (byte b : value) {
            n = (n << 8) | (b & 0xff);
        }
        return new TxLookup(n, null);
    }

    /** The current (version 6+) encoding of an entry for block {@code number}. */
    public static byte[] encode(long number) {
        return Rlp.minimal(Schema.u64(number));
    }

    /** The number, if the entry holds it. */
    public Optional<Long> blockNumber() {
        return Optional.ofNullable(number);
    }
}
