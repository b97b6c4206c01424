package org.ethercattle.ethereum.roundtrip;

import java.util.List;

/**
 * A generated chain: the seed that reproduces it, its forks, and blocks 0 (genesis) to head, in order.
 *
 * @param finalized the number of the block marked finalized
 */
record GeneratedChain(long seed, ForkSchedule forks, List<GeneratedBlock> blocks, long finalized) {

    GeneratedBlock head() {
        return blocks.get(blocks.size() - 1);
    }
}
