package org.ethercattle.ethereum.tx;

import com.fasterxml.jackson.databind.JsonNode;
import org.ethercattle.ethereum.anvil.Anvil;

/**
 * Waits for Anvil to mine a transaction: its automine answers {@code eth_sendRawTransaction} before the block is
 * sealed, so a receipt read at once may not be there yet, the more so on a loaded machine.
 */
final class Mined {

    private static final long WAIT_NANOS = 60_000_000_000L;

    private Mined() {}

    /**
     * The receipt of {@code hash} once Anvil has one.
     *
     * @throws IllegalStateException naming the transaction when none came within a minute
     */
    static JsonNode receipt(Anvil anvil, String hash) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            JsonNode receipt = anvil.rpc("eth_getTransactionReceipt", "[\"" + hash + "\"]");
            if (!receipt.isNull()) {
                return receipt;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Anvil mined no block with " + hash + " within a minute:\n"
                        + anvil.output());
            }
            Thread.sleep(20);
        }
    }
}
