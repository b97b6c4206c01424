package org.ethercattle.core.status;

import java.util.UUID;

/**
 * One producer (one master instance) whose records this replica has applied.
 *
 * @param id             the producer's id (a new one per master start)
 * @param lastSequence   the sequence of its newest applied record
 * @param lastTimeMillis that record's time on the master's clock, {@code -1} if it carried none
 */
public record ProducerStatus(UUID id, long lastSequence, long lastTimeMillis) {}
