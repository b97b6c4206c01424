package org.ethercattle.ethereum.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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
     * @param instead what the replica answers, in words
     * @param answer whether a response is that answer
     */
    record Reason(String reason, String instead, Predicate<JsonNode> answer) {

        /** The replica answers an error with {@code code} whose message starts with {@code messageStart}. */
        Reason(String reason, int code, String messageStart) {
            this(reason, "error " + code + " \"" + messageStart + "...\"", response -> {
                JsonNode error = response.path("error");
                return error.path("code").asInt() == code
                        && error.path("message").asText().startsWith(messageStart);
            });
        }

        boolean accepts(JsonNode response) {
            return answer.test(response);
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

    /**
     * The importer writes no receipts (they come from executing the blocks) and no fixture shows all of these
     * blocks' receipts; the replica answers from the receipts it has, as geth does from an empty receipts list.
     */
    private static final String NO_RECEIPTS = "the importer writes no receipts and no fixture shows all of this "
            + "block's receipts";
    private static final Reason NO_RECEIPT = new Reason(NO_RECEIPTS, "null, as geth for a block without receipts",
            response -> response.has("result") && response.get("result").isNull());
    private static final Reason FEWER_LOGS = new Reason(NO_RECEIPTS, "only the logs of blocks whose receipts the "
            + "store holds, as geth from empty receipts", response -> response.path("result").isArray());

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
            return Optional.of(fixture.method().equals("eth_getLogs") ? FEWER_LOGS : NO_RECEIPT);
        }
        return Optional.ofNullable(FIXTURES.get(fixture.name()));
    }
}
