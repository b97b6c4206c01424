package org.ethercattle.ethereum.roundtrip;

import java.math.BigInteger;
import java.util.List;

/**
 * One generated block with everything the checks compare against: the header fields and encoding, the block's
 * encoding, its transactions, receipts and withdrawals. Arrays and lists are owned by the record.
 *
 * @param headerRlp the header's encoding ({@code debug_getRawHeader})
 * @param hash keccak-256 of {@code headerRlp}
 * @param blockRlp the block's encoding ({@code debug_getRawBlock}; its length is the block's size)
 * @param uncles the ommer headers (pre-merge blocks only)
 * @param withdrawals {@code null} before Shanghai
 * @param totalDifficulty the sum of difficulties up to and including this block
 */
record GeneratedBlock(GeneratedHeader header, byte[] headerRlp, byte[] hash, byte[] blockRlp,
        List<SignedTransaction> transactions, List<GeneratedReceipt> receipts, List<GeneratedHeader> uncles,
        List<GeneratedWithdrawal> withdrawals, BigInteger totalDifficulty) {

    long number() {
        return header.number();
    }

    /**
     * One EIP-4895 withdrawal.
     *
     * @param address 20 bytes
     * @param amountGwei the amount in gwei
     */
    record GeneratedWithdrawal(long index, long validatorIndex, byte[] address, long amountGwei) {}
}
