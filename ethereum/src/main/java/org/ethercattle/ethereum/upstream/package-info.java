/**
 * The upstream for what a replica cannot compute: methods that need an EVM or a transaction pool
 * ({@code eth_call}, {@code eth_estimateGas}, {@code debug_trace*}, {@code txpool_*} ...) forwarded as JSON to a
 * node, each counted; without an upstream they answer -32601 naming the flag that would enable them.
 */
package org.ethercattle.ethereum.upstream;
