package org.ethercattle.ethereum.workload;

/**
 * A small, fully specified pseudo-random generator (Steele, Lea and Flood's SplitMix64).
 *
 * <p>The workload owns its generator instead of using {@link java.util.SplittableRandom} because the
 * JDK does not promise that class's output across releases, and a seeded workload must produce the
 * same bytes on every JVM. Not thread-safe.
 */
final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** Finalizes {@code z} into a well-mixed 64-bit value (the SplitMix64 output function). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seed derived from several coordinates, so each (domain, block, index) gets its own stream. */
    static long seed(long... parts) {
        long h = GOLDEN_GAMMA;
        for (long part : parts) {
            h = mix(h ^ part) + GOLDEN_GAMMA;
        }
        return h;
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in {@code [0, bound)}; {@code bound} must be positive. */
    int nextInt(int bound) {
        // Multiply-high keeps the bias below 2^-32, irrelevant for a workload, and costs no loop.
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in {@code [low, high]}. */
    int between(int low, int high) {
        return low + nextInt(high - low + 1);
    }

    /** Whether an event of probability {@code numerator / denominator} happens. */
    boolean chance(int numerator, int denominator) {
        return nextInt(denominator) < numerator;
    }

    /** A fresh array of {@code length} random bytes. */
    byte[] bytes(int length) {
        byte[] out = new byte[length];
        fill(out, 0, length);
        return out;
    }

    /** Fills {@code out[from, from + length)} with random bytes. */
    void fill(byte[] out, int from, int length) {
        int i = from;
        int end = from + length;
        while (i < end) {
            long r = nextLong();
            for (int b = 0; b < 8 && i < end; b++, r >>>= 8) {
                out[i++] = (byte) r;
            }
        }
    }
}
