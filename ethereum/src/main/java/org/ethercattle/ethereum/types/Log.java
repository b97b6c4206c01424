package org.ethercattle.ethereum.types;

import java.util.List;

/**
 * One event log as a receipt stores it: the emitting contract, its topics and data. Where the log sits in the
 * chain (block, transaction, index) is not stored; it is derived from the receipt's position.
 *
 * @param address 20 bytes
 * @param topics 32 bytes each, at most four
 * @param data the unindexed data
 */
public record Log(byte[] address, List<byte[]> topics, byte[] data) {}
