package org.ethercattle.store.layered;

import java.util.Arrays;
import org.ethercattle.api.Cursor;

/**
 * The cursor of a {@link LayeredDatabase}: merges a top cursor and a bottom cursor opened with the same
 * prefix and start (so each was positioned by its own store's seek, never by filtering from the first
 * key) into one stream in unsigned key order. On equal keys the top wins and the bottom entry is
 * skipped; a top tombstone hides its key (and the bottom's entry under it). Each underlying cursor is
 * advanced only when the merge needs its next key, and a bottom value is copied only when
 * {@link #value()} asks for it. Not thread-safe.
 */
final class MergingCursor implements Cursor {

    private enum State { BEFORE, ON_TOP, ON_BOTTOM, AFTER, CLOSED }

    private final LayeredDatabase database;
    private final Cursor top;
    private final Cursor bottom;
    private boolean advanceTop = true;
    private boolean advanceBottom = true;
    private byte[] topKey;
    private byte[] bottomKey;
    /** The tagged top value of the current entry when it comes from the top. */
    private byte[] topStored;
    private State state = State.BEFORE;

    MergingCursor(LayeredDatabase database, Cursor top, Cursor bottom) {
        this.database = database;
        this.top = top;
        this.bottom = bottom;
    }

    @Override
    public boolean next() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("cursor of " + database.name() + " is closed");
        }
        database.checkOpen();
        if (state == State.AFTER) {
            return false;
        }
        while (true) {
            if (advanceTop) {
                topKey = top.next() ? top.key() : null;
                advanceTop = false;
            }
            if (advanceBottom) {
                bottomKey = bottom.next() ? bottom.key() : null;
                advanceBottom = false;
            }
            if (topKey == null && bottomKey == null) {
                state = State.AFTER;
                topStored = null;
                return false;
            }
            int order = topKey == null ? 1 : bottomKey == null ? -1 : Arrays.compareUnsigned(topKey, bottomKey);
            if (order > 0) {
                advanceBottom = true;
                state = State.ON_BOTTOM;
                return true;
            }
            byte[] stored = top.value();
            advanceTop = true;
            advanceBottom = order == 0;
            if (!TopValue.isTombstone(stored)) {
                topStored = stored;
                state = State.ON_TOP;
                return true;
            }
        }
    }

    @Override
    public byte[] key() {
        return switch (current()) {
            case ON_TOP -> topKey.clone();
            default -> bottomKey.clone();
        };
    }

    @Override
    public byte[] value() {
        return switch (current()) {
            case ON_TOP -> TopValue.unwrap(topStored);
            default -> bottom.value();
        };
    }

    private State current() {
        if (state != State.ON_TOP && state != State.ON_BOTTOM) {
            throw new IllegalStateException("cursor of " + database.name() + " is "
                    + switch (state) {
                        case BEFORE -> "before its first entry: call next() first";
                        case AFTER -> "past its last entry";
                        default -> "closed";
                    });
        }
        database.checkOpen();
        return state;
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        topStored = null;
        try {
            top.close();
        } finally {
            bottom.close();
        }
    }
}
