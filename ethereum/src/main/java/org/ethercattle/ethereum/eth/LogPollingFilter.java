package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.types.Header;

/**
 * An {@code eth_newFilter} filter: each poll answers the matching logs of the blocks that left the canonical chain
 * since the previous poll, flagged {@code "removed":true}, then those of the blocks that joined it, each rendered as
 * {@code eth_getLogs} renders it, in chain order. As in geth's event system, a live log is also held to the filter's
 * numeric {@code fromBlock}/{@code toBlock} (a tag bounds nothing), and a {@code blockHash} criterion does not
 * restrict live logs: it only selects what {@code eth_getFilterLogs} answers.
 */
final class LogPollingFilter extends PollingFilter {

    private final LogFilter criteria;
    private final FilterRange range;

    /**
     * @param criteria the filter as {@code eth_newFilter} received it
     * @param range its block range in geth's numbering, already checked
     */
    LogPollingFilter(ChainReader chain, Instant now, LogFilter criteria, FilterRange range) {
        super(chain, now);
        this.criteria = criteria;
        this.range = range;
    }

    /** The filter as installed: what {@code eth_getFilterLogs} runs. */
    LogFilter criteria() {
        return criteria;
    }

    @Override
    void render(ChainChange change, ArrayNode out) {
        append(change.removed(), true, out);
        append(change.added(), false, out);
    }

    private void append(List<ChainBlock> blocks, boolean removed, ArrayNode out) {
        for (ChainBlock block : blocks) {
            Header h = block.header();
            if (!range.holds(h.number()) || !criteria.mayMatch(h.bloom())) {
                continue;
            }
            for (ChainBlock.PlacedLog placed : block.logs()) {
                if (criteria.matches(placed.log())) {
                    ObjectNode json = ReceiptJson.log(placed.log(), h, placed.txHash(), placed.txIndex(),
                            placed.logIndex());
                    json.put("removed", removed);
                    out.add(json);
                }
            }
        }
    }
}
