package org.ethercattle.store.rocksdb;

import org.rocksdb.CompactionStyle;

/** The compaction styles the {@code compaction} spec parameter accepts. */
enum Compaction {
    /** Leveled: each byte is rewritten about ten times as it moves down; least space, best reads. */
    LEVEL(CompactionStyle.LEVEL),
    /** Universal: sorted runs merged by size; far fewer rewrites, up to twice the space during a merge. */
    UNIVERSAL(CompactionStyle.UNIVERSAL);

    private final CompactionStyle style;

    Compaction(CompactionStyle style) {
        this.style = style;
    }

    CompactionStyle style() {
        return style;
    }
}
