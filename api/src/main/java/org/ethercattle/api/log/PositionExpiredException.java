package org.ethercattle.api.log;

/**
 * A reader needs entries the log no longer retains: its position is older than the log's start.
 * Nothing is skipped; the reader must start from a newer snapshot.
 */
public class PositionExpiredException extends LogException {

    private final transient Position position;
    private final transient Position earliestRetained;

    /**
     * @param position         the position the reader wanted to resume after
     * @param earliestRetained the oldest entry still in the log, or {@code null} if it is empty
     */
    public PositionExpiredException(Position position, Position earliestRetained) {
        super("position " + position + " is no longer in the log (earliest retained: "
                + (earliestRetained == null ? "none, the log is empty" : earliestRetained)
                + "); start from a newer snapshot or raise the log's retention", false);
        this.position = position;
        this.earliestRetained = earliestRetained;
    }

    public Position position() {
        return position;
    }

    /** The oldest entry still retained, or {@code null} if the log is empty. */
    public Position earliestRetained() {
        return earliestRetained;
    }
}
