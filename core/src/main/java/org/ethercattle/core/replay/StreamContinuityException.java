package org.ethercattle.core.replay;

import org.ethercattle.api.CattleException;

/**
 * A replica's store and its log do not continue each other: the store was replayed from another stream, the
 * log no longer holds the beginning a replica without a checkpoint needs, or the log ends before what the
 * store already applied. Replay does not start; nothing is written. The message names the stream, the
 * positions and the fix.
 */
public class StreamContinuityException extends CattleException {

    public StreamContinuityException(String message) {
        super(message);
    }
}
