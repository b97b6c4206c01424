package org.ethercattle.tck;

import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.core.replay.Replayer;

/**
 * A replica as the replication suite runs it: a store, a consumer of the stream and the replayer
 * between them. Closing it closes all three, replayer first (it commits what is pending).
 */
record Replica(Database store, LogConsumer consumer, Replayer replayer) implements AutoCloseable {

    @Override
    public void close() {
        try {
            replayer.close();
        } finally {
            try {
                consumer.close();
            } finally {
                store.close();
            }
        }
    }
}
