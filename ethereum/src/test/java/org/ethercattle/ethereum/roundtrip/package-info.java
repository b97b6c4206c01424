/**
 * Randomized round trip: a seeded generator builds a chain with real signatures and receipts, writes it in
 * geth's schema into RocksDB, serves it over JSON-RPC and checks every answer against an expectation built
 * independently from the generated values. Each run draws a seed and prints it; {@code
 * -Dcattle.roundtrip.seed=<seed>} replays one chain.
 */
package org.ethercattle.ethereum.roundtrip;
