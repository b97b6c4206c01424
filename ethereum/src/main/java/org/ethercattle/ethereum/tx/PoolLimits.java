package org.ethercattle.ethereum.tx;

import java.math.BigInteger;

/**
 * The node-local limits geth applies to a transaction submitted over RPC, beyond the consensus rules; defaults are
 * geth's.
 *
 * @param maxSize the largest encoded transaction accepted, in bytes (geth's legacy pool: 4 slots of 32 KiB)
 * @param minTip the lowest tip (gas tip cap) accepted, in wei ({@code --txpool.pricelimit}, default 1)
 * @param feeCapWei the largest total fee (gas price or fee cap times gas) accepted, in wei; zero for no cap
 *     ({@code --rpc.txfeecap}, default 1 ether)
 * @param allowUnprotected whether legacy transactions without EIP-155 replay protection are accepted
 *     ({@code --rpc.allow-unprotected-txs}, default false)
 */
public record PoolLimits(long maxSize, BigInteger minTip, BigInteger feeCapWei, boolean allowUnprotected) {

    /** One ether in wei. */
    public static final BigInteger ETHER = BigInteger.TEN.pow(18);

    /** geth's defaults. */
    public static final PoolLimits GETH_DEFAULTS = new PoolLimits(4 * 32 * 1024, BigInteger.ONE, ETHER, false);

    /** Checks the limits are not negative. */
    public PoolLimits {
        if (maxSize <= 0 || minTip.signum() < 0 || feeCapWei.signum() < 0) {
            throw new IllegalArgumentException("transaction limits must not be negative (and the size positive): "
                    + "maxSize " + maxSize + ", minTip " + minTip + ", feeCap " + feeCapWei);
        }
    }
}
