package org.ethercattle.ethereum.types;

/**
 * One EIP-4895 beacon-chain withdrawal carried in a post-Shanghai block body.
 *
 * @param index the withdrawal's global index
 * @param validatorIndex the validator withdrawn from
 * @param address the recipient, 20 bytes
 * @param amountGwei the amount in gwei
 */
public record Withdrawal(long index, long validatorIndex, byte[] address, long amountGwei) {}
