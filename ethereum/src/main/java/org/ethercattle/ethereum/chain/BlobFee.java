package org.ethercattle.ethereum.chain;

import java.math.BigInteger;

/**
 * The EIP-4844 blob base fee: {@code fake_exponential(1, excessBlobGas, updateFraction)}, with the update
 * fraction of the fork active at the block's time (EIP-7691 and the BPO forks change it).
 */
public final class BlobFee {

    /** Gas one blob uses. */
    public static final long GAS_PER_BLOB = 131_072;

    private BlobFee() {}

    /** The blob base fee for a block with {@code excessBlobGas} under {@code updateFraction}. */
    public static BigInteger of(long excessBlobGas, long updateFraction) {
        return fakeExponential(BigInteger.ONE, BigInteger.valueOf(excessBlobGas), BigInteger.valueOf(updateFraction));
    }

    // The integer approximation of factor * e^(numerator / denominator) the EIP specifies.
    private static BigInteger fakeExponential(BigInteger factor, BigInteger numerator, BigInteger denominator) {
        BigInteger output = BigInteger.ZERO;
        BigInteger accum = factor.multiply(denominator);
        for (int i = 1; accum.signum() > 0; i++) {
            output = output.add(accum);
            accum = accum.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
        }
        return output.divide(denominator);
    }
}
