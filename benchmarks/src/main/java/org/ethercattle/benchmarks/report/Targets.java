package org.ethercattle.benchmarks.report;

/**
 * The targets the report states beside its figures, in one place; docs/benchmarks.md ("Targets, where the
 * time goes") says where each comes from.
 */
final class Targets {

    /** Replay apply rate as a share of the store's own batched-write ceiling. */
    static final double REPLAY_OF_CEILING = 0.90;

    /** A cold Kafka -> RocksDB catch-up, ops per second. */
    static final long END_TO_END_OPS = 1_000_000;

    /** A cold Kafka -> RocksDB catch-up over the Kafka Streams restore of the same data. */
    static final double END_TO_END_OVER_PEER = 2;

    /** What change capture may cost a master's write path. */
    static final double CAPTURE_OVERHEAD = 0.10;

    private Targets() {}
}
