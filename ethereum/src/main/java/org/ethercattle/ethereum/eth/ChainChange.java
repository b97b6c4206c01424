package org.ethercattle.ethereum.eth;

import java.util.List;

/**
 * How the canonical chain moved between two head markers a {@link HeadWatcher} saw: the blocks that left it and the
 * blocks that joined it, each list oldest first. A plain advance has nothing removed; a reorg removes the old
 * branch down to the common ancestor and adds the new one. geth announces removed logs in this forward order too,
 * then the new chain's logs.
 *
 * @param removed blocks no longer canonical, oldest first
 * @param added blocks newly canonical, oldest first; the last is the new head
 */
public record ChainChange(List<ChainBlock> removed, List<ChainBlock> added) {

    /** Copies the lists. */
    public ChainChange {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }
}
