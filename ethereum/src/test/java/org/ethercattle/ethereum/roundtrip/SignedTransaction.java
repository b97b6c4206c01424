package org.ethercattle.ethereum.roundtrip;

import java.math.BigInteger;

/**
 * A generated transaction as signed: its fields, the signer's address (known from the key, not recovered), the
 * signature as encoded, and the canonical encoding with its hash. Arrays are owned by the record.
 *
 * @param from the signer's 20-byte address
 * @param v as encoded: 27/28 or {@code chainId*2+35+parity} for legacy, the parity for typed transactions
 * @param encoded the canonical encoding (a legacy RLP list, or the type byte and the RLP payload)
 * @param hash keccak-256 of {@code encoded}
 */
record SignedTransaction(UnsignedTransaction fields, byte[] from, BigInteger v, BigInteger r, BigInteger s,
        byte[] encoded, byte[] hash) {

    /** The signature's recovery bit. */
    int yParity() {
        if (fields.type() != 0) {
            return v.intValueExact();
        }
        if (fields.chainId() == null) {
            return v.intValueExact() - 27;
        }
        return v.subtract(BigInteger.valueOf(35)).testBit(0) ? 1 : 0;
    }
}
