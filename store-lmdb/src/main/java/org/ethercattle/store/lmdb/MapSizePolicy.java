package org.ethercattle.store.lmdb;

/**
 * How big LMDB's memory map starts and how it grows when a write transaction runs out of room
 * ({@code MDB_MAP_FULL}). The map is reserved address space, not disk: the data file only grows as
 * pages are used, so a generous size costs nothing on 64-bit systems.
 *
 * @param initial bytes to map at open (a larger size already recorded in the store wins)
 * @param growth  bytes to add on each growth, or {@code 0} to double the map
 * @param max     the map never grows beyond this many bytes; {@code 0} means no limit (growth then
 *                stops only when the disk or address space is exhausted)
 */
record MapSizePolicy(long initial, long growth, long max) {

    /** Maps are rounded to this, a multiple of every page size LMDB runs with. */
    static final long ALIGNMENT = 64 * 1024;

    MapSizePolicy {
        if (initial <= 0) {
            throw new IllegalArgumentException("initial map size must be positive: " + initial);
        }
        if (growth < 0 || max < 0) {
            throw new IllegalArgumentException("growth and max must not be negative");
        }
    }

    /**
     * The size to grow a map of {@code current} bytes to, or {@code -1} when it may not grow any more.
     */
    long next(long current) {
        if (max > 0 && current >= max) {
            return -1;
        }
        long wanted = growth == 0 ? saturatedDouble(current) : saturatedAdd(current, growth);
        wanted = align(wanted);
        if (max > 0 && wanted > max) {
            wanted = max;
        }
        return wanted > current ? wanted : -1;
    }

    static long align(long size) {
        long rounded = (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        return rounded < 0 ? Long.MAX_VALUE / ALIGNMENT * ALIGNMENT : rounded;
    }

    private static long saturatedDouble(long n) {
        return n > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : n * 2;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
