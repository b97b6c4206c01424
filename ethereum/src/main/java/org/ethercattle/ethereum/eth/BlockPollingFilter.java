package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.types.Hex;

/**
 * An {@code eth_newBlockFilter} filter: each poll answers the hashes of the blocks that became canonical since the
 * previous one, oldest first (after a reorg, every block of the new branch). Blocks that left the chain are not
 * reported, as geth's block filter has no removal notice either.
 */
final class BlockPollingFilter extends PollingFilter {

    BlockPollingFilter(ChainReader chain, Instant now) {
        super(chain, now);
    }

    @Override
    void render(ChainChange change, ArrayNode out) {
        change.added().forEach(block -> out.add(Hex.data(block.header().hash())));
    }
}
