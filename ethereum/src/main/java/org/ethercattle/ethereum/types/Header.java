package org.ethercattle.ethereum.types;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpType;

/**
 * A block header as go-ethereum encodes it: the fifteen fields of the original chain, then the optional trailing
 * fields each fork appended, present exactly when the block's fork has them (London's base fee, Shanghai's
 * withdrawals root, Cancun's blob gas and beacon root, Prague's requests hash). A {@code null} optional field is
 * absent from the encoding; because the fields are positional, a later one implies every earlier one.
 *
 * <p>{@link #rlp()} is the encoding the header was read from (re-encoding is not needed to hash it); arrays are
 * owned by the record and must not be modified.
 *
 * @param rlp the header's RLP encoding
 * @param hash keccak-256 of {@code rlp}: the block hash
 */
public record Header(
        byte[] rlp,
        byte[] hash,
        byte[] parentHash,
        byte[] uncleHash,
        byte[] coinbase,
        byte[] stateRoot,
        byte[] txRoot,
        byte[] receiptRoot,
        byte[] bloom,
        BigInteger difficulty,
        long number,
        long gasLimit,
        long gasUsed,
        long time,
        byte[] extra,
        byte[] mixDigest,
        byte[] nonce,
        BigInteger baseFee,
        byte[] withdrawalsRoot,
        Long blobGasUsed,
        Long excessBlobGas,
        byte[] parentBeaconRoot,
        byte[] requestsHash) {

    private static final int LEGACY_FIELDS = 15;

    /** Decodes a header from its RLP encoding. */
    public static Header decode(byte[] rlp) {
        return fromRlp(rlp, Rlp.list(rlp, "header"));
    }

    /** Decodes a header from an already-parsed RLP list (e.g. inside a block); {@code rlp} is its encoding. */
    public static Header fromRlp(byte[] rlp, List<RlpType> f) {
        if (f.size() < LEGACY_FIELDS || f.size() > LEGACY_FIELDS + 6) {
            throw new IllegalArgumentException("header: expected 15 to 21 fields, found " + f.size());
        }
        return new Header(
                rlp,
                Hash.sha3(rlp),
                Rlp.fixed(f.get(0), 32, "header parentHash"),
                Rlp.fixed(f.get(1), 32, "header sha3Uncles"),
                Rlp.fixed(f.get(2), 20, "header miner"),
                Rlp.fixed(f.get(3), 32, "header stateRoot"),
                Rlp.fixed(f.get(4), 32, "header transactionsRoot"),
                Rlp.fixed(f.get(5), 32, "header receiptsRoot"),
                Rlp.fixed(f.get(6), 256, "header logsBloom"),
                Rlp.big(f.get(7), "header difficulty"),
                Rlp.u64(f.get(8), "header number"),
                Rlp.u64(f.get(9), "header gasLimit"),
                Rlp.u64(f.get(10), "header gasUsed"),
                Rlp.u64(f.get(11), "header timestamp"),
                Rlp.bytes(f.get(12), "header extraData"),
                Rlp.fixed(f.get(13), 32, "header mixHash"),
                Rlp.fixed(f.get(14), 8, "header nonce"),
                f.size() > 15 ? Rlp.big(f.get(15), "header baseFeePerGas") : null,
                f.size() > 16 ? Rlp.fixed(f.get(16), 32, "header withdrawalsRoot") : null,
                f.size() > 17 ? Rlp.u64(f.get(17), "header blobGasUsed") : null,
                f.size() > 18 ? Rlp.u64(f.get(18), "header excessBlobGas") : null,
                f.size() > 19 ? Rlp.fixed(f.get(19), 32, "header parentBeaconBlockRoot") : null,
                f.size() > 20 ? Rlp.fixed(f.get(20), 32, "header requestsHash") : null);
    }

    /**
     * Encodes a header from its fields (for a genesis block built from a genesis file); optional fields that are
     * {@code null} are left out, and must only be null after the last present one.
     */
    public static Header encode(
            byte[] parentHash, byte[] uncleHash, byte[] coinbase, byte[] stateRoot, byte[] txRoot,
            byte[] receiptRoot, byte[] bloom, BigInteger difficulty, long number, long gasLimit, long gasUsed,
            long time, byte[] extra, byte[] mixDigest, byte[] nonce, BigInteger baseFee, byte[] withdrawalsRoot,
            Long blobGasUsed, Long excessBlobGas, byte[] parentBeaconRoot, byte[] requestsHash) {
        List<RlpType> f = new ArrayList<>(List.of(
                Rlp.string(parentHash), Rlp.string(uncleHash), Rlp.string(coinbase), Rlp.string(stateRoot),
                Rlp.string(txRoot), Rlp.string(receiptRoot), Rlp.string(bloom), Rlp.uint(difficulty),
                Rlp.uint(number), Rlp.uint(gasLimit), Rlp.uint(gasUsed), Rlp.uint(time), Rlp.string(extra),
                Rlp.string(mixDigest), Rlp.string(nonce)));
        Object[] optional = {baseFee, withdrawalsRoot, blobGasUsed, excessBlobGas, parentBeaconRoot, requestsHash};
        for (Object o : optional) {
            if (o == null) {
                break;
            }
            f.add(o instanceof BigInteger b ? Rlp.uint(b) : o instanceof Long l ? Rlp.uint(l) : Rlp.string((byte[]) o));
        }
        byte[] rlp = Rlp.encodeList(f);
        return decode(rlp);
    }
}
