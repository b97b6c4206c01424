package org.ethercattle.log.file;

/** When a file log producer forces appended bytes to the disk (spec parameter {@code fsync}). */
public enum FsyncPolicy {
    /**
     * Before an append's future completes. Concurrent appends share one fsync, so throughput grows with
     * the number of appending threads. Survives power loss.
     */
    ALWAYS,
    /**
     * In the background every {@code fsyncInterval}, on segment roll, on {@code flush()} and on close.
     * A process crash loses nothing; a power loss may lose up to one interval of acknowledged entries.
     */
    INTERVAL,
    /** Never; the operating system writes back when it likes. A process crash loses nothing. */
    NEVER
}
