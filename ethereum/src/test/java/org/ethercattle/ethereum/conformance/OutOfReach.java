package org.ethercattle.ethereum.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The execution-apis fixtures a replica of the imported test chain cannot answer as geth does, each with the
 * reason and the answer it gives instead. The conformance test checks that answer, so a fixture listed here
 * still fails the build when the replica's behaviour changes; and a listed fixture that starts to match geth
 * exactly fails too, so this list cannot go stale.
 */
final class OutOfReach {

    /**
     * Why a fixture is out of reach and what the replica answers instead.
     *
     * @param reason the sentence the test report shows
     * @param code the JSON-RPC error code the replica answers with
     * @param messageStart how that error's message starts
     */
    record Reason(String reason, int code, String messageStart) {

        boolean accepts(JsonNode response) {
            JsonNode error = response.path("error");
            return error.path("code").asInt() == code && error.path("message").asText().startsWith(messageStart);
        }
    }

    /**
     * Methods that need an EVM or a transaction pool: without {@code --rpc-upstream} (as here) they answer -32601
     * naming that flag.
     */
    private static final List<String> FORWARDED = List.of("eth_call", "eth_estimateGas", "eth_createAccessList",
            "eth_simulateV1", "debug_traceBlockByHash", "debug_traceBlockByNumber", "debug_traceTransaction",
            "txpool_content", "txpool_contentFrom", "txpool_status");

    /** Block building: neither served nor forwarded, answered as geth answers an unknown method. */
    private static final List<String> NEEDS_A_BUILDER = List.of("testing_buildBlockV1");

    private static final Reason NO_RECEIPTS = new Reason("the importer writes no receipts (they come from executing "
            + "the blocks) and no fixture shows all of this block's receipts", -32000, "receipts of block ");

    private static final Map<String, Reason> FIXTURES = Map.of(
            "eth_getBalance/get-balance-blockhash", new Reason("state at block 0x2c: the importer has the state of "
                    + "the genesis and the head only, as a non-archive geth would", -32000, "missing trie node "),
            "eth_feeHistory/fee-history", new Reason("reward percentiles weight tips by gas used, which needs the "
                    + "receipts of block 0x1b", -32000, "eth_feeHistory reward percentiles need receipts"),
            "eth_capabilities/get-capabilities", new Reason("eth_capabilities is a draft method not served yet",
                    -32601, "the method eth_capabilities does not exist"));

    private static final List<String> RECEIPTS_NOT_AT_HAND = List.of("eth_getLogs/contract-addr",
            "eth_getLogs/filter-with-blockHash-and-topics", "eth_getLogs/topic-exact-match",
            "eth_getLogs/topic-wildcard", "eth_getTransactionReceipt/get-access-list",
            "eth_getTransactionReceipt/get-dynamic-fee", "eth_getTransactionReceipt/get-setcode-tx");

    private OutOfReach() {}

    /** Why {@code fixture} is out of reach, if it is. */
    static Optional<Reason> of(Fixture fixture) {
        if (FORWARDED.contains(fixture.method())) {
            return Optional.of(new Reason(fixture.method() + " needs an EVM or a transaction pool, and this server "
                    + "has no upstream to forward it to", -32601, "the method " + fixture.method()
                    + " does not exist/is not available: a replica cannot execute it; start the replica with "
                    + "--rpc-upstream URL"));
        }
        if (NEEDS_A_BUILDER.contains(fixture.method())) {
            return Optional.of(new Reason(fixture.method() + " needs a block builder", -32601,
                    "the method " + fixture.method() + " does not exist/is not available"));
        }
        if (RECEIPTS_NOT_AT_HAND.contains(fixture.name())) {
            return Optional.of(NO_RECEIPTS);
        }
        return Optional.ofNullable(FIXTURES.get(fixture.name()));
    }
}
