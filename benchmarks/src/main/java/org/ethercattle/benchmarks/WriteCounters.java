package org.ethercattle.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Level;

/**
 * The rates every write benchmark reports beside its primary score: {@code ops} (puts and deletes per
 * second) and {@code bytes} (key plus value bytes per second). JMH divides each by the measured time of
 * the iteration, so these are the figures the report compares across benchmarks.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class WriteCounters {

    /** Puts and deletes applied. */
    public long ops;
    /** Key plus value bytes applied. */
    public long bytes;

    @Setup(Level.Iteration)
    public void clear() {
        ops = 0;
        bytes = 0;
    }

    /** Counts {@code ops} ops of {@code bytes} bytes. */
    public void add(long ops, long bytes) {
        this.ops += ops;
        this.bytes += bytes;
    }
}
