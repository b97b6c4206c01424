package org.ethercattle.ethereum.roundtrip;

import java.util.List;

/**
 * A generated receipt's consensus fields (post-Byzantium: a status, never a state root).
 *
 * @param status 1 success, 0 failure
 * @param cumulativeGasUsed the block's gas after this transaction, strictly increasing within a block
 * @param gasUsed this transaction's own gas (the step in cumulative gas), kept so the check does not derive it
 */
record GeneratedReceipt(int status, long cumulativeGasUsed, long gasUsed, List<GeneratedLog> logs) {

    /**
     * One log.
     *
     * @param address 20 bytes
     * @param topics 32 bytes each, at most four
     */
    record GeneratedLog(byte[] address, List<byte[]> topics, byte[] data) {}
}
