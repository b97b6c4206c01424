package org.ethercattle.core.replay;

/**
 * How far a replica has applied one producer's records.
 *
 * @param lastSequence   the sequence of the producer's newest applied record
 * @param lastTimeMillis that record's producer time, or {@code -1} if it carried none
 */
public record ProducerProgress(long lastSequence, long lastTimeMillis) {}
