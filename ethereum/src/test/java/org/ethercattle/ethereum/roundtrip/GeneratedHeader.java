package org.ethercattle.ethereum.roundtrip;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * A generated header's fields. The fork fields are {@code null} before their fork, and each fork's fields imply
 * the earlier forks' (London's base fee, Shanghai's withdrawals root, Cancun's blob gas and beacon root, Prague's
 * requests hash), as the positional encoding requires. Arrays are owned by the record.
 */
record GeneratedHeader(byte[] parentHash, byte[] uncleHash, byte[] coinbase, byte[] stateRoot, byte[] txRoot,
        byte[] receiptsRoot, byte[] bloom, BigInteger difficulty, long number, long gasLimit, long gasUsed, long time,
        byte[] extra, byte[] mixDigest, byte[] nonce, BigInteger baseFee, byte[] withdrawalsRoot, Long blobGasUsed,
        Long excessBlobGas, byte[] parentBeaconRoot, byte[] requestsHash) {

    /** The header as an RLP list: the fifteen original fields, then the fork fields that are present. */
    RlpList rlp() {
        List<RlpType> f = new ArrayList<>(List.of(RlpString.create(parentHash), RlpString.create(uncleHash),
                RlpString.create(coinbase), RlpString.create(stateRoot), RlpString.create(txRoot),
                RlpString.create(receiptsRoot), RlpString.create(bloom), RlpString.create(difficulty),
                RlpString.create(number), RlpString.create(gasLimit), RlpString.create(gasUsed),
                RlpString.create(time), RlpString.create(extra), RlpString.create(mixDigest),
                RlpString.create(nonce)));
        if (baseFee != null) {
            f.add(RlpString.create(baseFee));
        }
        if (withdrawalsRoot != null) {
            f.add(RlpString.create(withdrawalsRoot));
        }
        if (blobGasUsed != null) {
            f.add(RlpString.create(blobGasUsed));
            f.add(RlpString.create(excessBlobGas));
            f.add(RlpString.create(parentBeaconRoot));
        }
        if (requestsHash != null) {
            f.add(RlpString.create(requestsHash));
        }
        return new RlpList(f);
    }

    /** The header's encoding. */
    byte[] encode() {
        return RlpEncoder.encode(rlp());
    }
}
