/**
 * The transaction path of a replica: {@code eth_sendRawTransaction} decodes a signed transaction, checks what a
 * replica can check without a transaction pool (chain id, signature and sender, intrinsic gas, size, and nonce
 * and balance when the store holds the head state) with geth's exact error texts, and publishes the raw bytes to
 * a transaction log; a relay reads that log and submits each transaction to a node, checkpointing its position.
 */
package org.ethercattle.ethereum.tx;
