package org.ethercattle.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The rates every write benchmark reports beside its primary score, each divided by the iteration's
 * measured time: {@code ops} (puts and deletes per second), {@code bytes} (key plus value bytes per
 * second) and {@code cpuNanos} (CPU nanoseconds the whole benchmark process used per second, RocksDB's
 * native background threads and the GC included: 1e9 means one core busy). On a shared machine
 * {@code ops / (cpuNanos / 1e9)}, ops per CPU-second, moves far less than ops per second. {@code activeNanos}
 * is explained on the field.
 *
 * <p>The CPU figure covers the whole iteration, setup and teardown of invocation-level state included,
 * so for benchmarks with per-invocation setup it is an upper bound.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class WriteCounters {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Puts and deletes applied. */
    public long ops;
    /** Key plus value bytes applied. */
    public long bytes;
    /** CPU time of the process during the iteration. */
    public long cpuNanos;
    /**
     * Wall time of the measured activity alone where a benchmark times it itself (the peer's restore, from
     * its first to its last restored batch, without the group join before it); 0 elsewhere.
     */
    public long activeNanos;

    /**
     * Fewest group-commit batches an iteration should hold. JMH iterations are timed, not counted: one holds
     * as many batches as the store writes in its time, so a slow store (someone's adapter writing one 8 MiB
     * batch a second) gets a handful, and one memtable flush or compaction falling inside or outside decides
     * the iteration's rate: the mean and deviation then describe the flushes, not the store. Below this
     * count the iteration is reported on stderr with the fix (longer iterations).
     */
    static final int MIN_BATCHES_PER_ITERATION = 20;

    private long cpuAtStart;
    private long batches;

    @Setup(Level.Iteration)
    public void start() {
        ops = 0;
        bytes = 0;
        cpuNanos = 0;
        activeNanos = 0;
        batches = 0;
        cpuAtStart = OS.getProcessCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuNanos = OS.getProcessCpuTime() - cpuAtStart;
        if (batches > 0 && batches < MIN_BATCHES_PER_ITERATION) {
            System.err.println("cattle-benchmarks: this iteration wrote only " + batches + " group-commit batches"
                    + " (fewer than " + MIN_BATCHES_PER_ITERATION + "), so its rate depends on whether a flush or"
                    + " compaction fell inside it; lengthen the iterations, e.g. benchmarks/run --iteration-time 60s");
        }
    }

    /** Counts one group-commit batch of {@code ops} ops of {@code bytes} bytes; see {@link #MIN_BATCHES_PER_ITERATION}. */
    public void addBatch(long ops, long bytes) {
        add(ops, bytes);
        batches++;
    }

    /** Counts {@code ops} ops of {@code bytes} bytes. */
    public void add(long ops, long bytes) {
        this.ops += ops;
        this.bytes += bytes;
    }
}
