package org.ethercattle.core.master;

import java.time.Duration;
import java.util.Objects;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.record.Codec;

/**
 * The entry point for a Java application that is a Cattle master: wraps the application's store with
 * change capture and keeps heartbeats flowing so replicas can tell an idle master from a dead one.
 *
 * <pre>{@code
 * MasterDatabase db = Master.wrap(Stores.open("rocksdb:/var/lib/app/db"),
 *                                 Logs.openProducer("file:/var/lib/cattle/log"),
 *                                 Codecs.get("cattle"))
 *         .heartbeatEvery(Duration.ofSeconds(5))
 *         .closeOnJvmShutdown()
 *         .start();
 * // use db as the application's Database; db.close() flushes the log and closes both
 * }</pre>
 */
public final class Master {

    /** Heartbeat interval unless told otherwise: well under a replica's default max age of 90 s. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    private Master() {}

    /**
     * Starts configuring a master over {@code store}, appending to {@code producer} in {@code codec}. Both
     * the store and the producer are owned by the {@link MasterDatabase} once {@link Builder#start()}
     * returns (and by nobody before: close them yourself if you never start).
     */
    public static Builder wrap(Database store, LogProducer producer, Codec codec) {
        return new Builder(store, producer, codec);
    }

    /** Configures a {@link MasterDatabase}. Not thread-safe. */
    public static final class Builder {

        final Database store;
        final LogProducer producer;
        final Codec codec;
        Duration heartbeat = DEFAULT_HEARTBEAT;
        boolean closeOnJvmShutdown;

        private Builder(Database store, LogProducer producer, Codec codec) {
            this.store = Objects.requireNonNull(store, "store");
            this.producer = Objects.requireNonNull(producer, "producer");
            this.codec = Objects.requireNonNull(codec, "codec");
        }

        /**
         * How often a heartbeat record is appended, whether or not the application writes; default 5 s.
         * {@link Duration#ZERO} sends none (replicas then need their age rule turned off).
         */
        public Builder heartbeatEvery(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("heartbeat interval must not be negative, was " + interval);
            }
            this.heartbeat = interval;
            return this;
        }

        /**
         * Registers a JVM shutdown hook that closes the database (stop heartbeats, flush the log, close the
         * producer and the store) when the JVM exits, e.g. on SIGTERM. Removed again by an explicit close.
         */
        public Builder closeOnJvmShutdown() {
            this.closeOnJvmShutdown = true;
            return this;
        }

        /** Starts capturing and, unless turned off, heartbeats. */
        public MasterDatabase start() {
            return new MasterDatabase(this);
        }
    }
}
