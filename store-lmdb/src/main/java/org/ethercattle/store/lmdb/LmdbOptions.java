package org.ethercattle.store.lmdb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * The parameters of an {@code lmdb:} spec, e.g. {@code lmdb:/var/lib/cattle/db?mapSize=64g&sync=nometa}.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code mapSize}</td><td>{@code 1g}</td><td>initial memory map (reserved address space, not
 *       disk); a larger size already recorded in the store wins</td></tr>
 *   <tr><td>{@code mapGrowth}</td><td>{@code double}</td><td>on {@code MDB_MAP_FULL}: {@code double}, or a
 *       size added each time (e.g. {@code 4g})</td></tr>
 *   <tr><td>{@code mapSizeMax}</td><td>none</td><td>never grow the map beyond this size</td></tr>
 *   <tr><td>{@code growWait}</td><td>{@code 5m}</td><td>how long a write that must grow the map waits
 *       for open cursors and checkpoints (which pin the map) to finish</td></tr>
 *   <tr><td>{@code sync}</td><td>{@code nometa}</td><td>{@code full}, {@code nometa} or {@code none}
 *       (also {@code true} = full, {@code false} = none); see {@link LmdbSync}</td></tr>
 *   <tr><td>{@code maxReaders}</td><td>{@code 512}</td><td>concurrent read transactions (each open cursor
 *       and each in-flight get holds one)</td></tr>
 *   <tr><td>{@code createIfMissing}</td><td>{@code true}</td><td>create the directory and store when
 *       absent (read-write opens only)</td></tr>
 * </table>
 *
 * @param directory       the store's directory (holds {@code data.mdb} and {@code lock.mdb})
 * @param mapSize         the initial map size and growth policy
 * @param growWait        how long a growth waits for readers that pin the map
 * @param sync            commit flush policy
 * @param maxReaders      LMDB reader-table size
 * @param createIfMissing whether a read-write open creates a missing store
 */
record LmdbOptions(Path directory, MapSizePolicy mapSize, Duration growWait, LmdbSync sync,
                          int maxReaders, boolean createIfMissing) {

    static final Set<String> PARAMETERS =
            Set.of("mapSize", "mapGrowth", "mapSizeMax", "growWait", "sync", "maxReaders", "createIfMissing");

    static final long DEFAULT_MAP_SIZE = 1L << 30;
    static final int DEFAULT_MAX_READERS = 512;
    /** The map is address space: 64-bit Linux gives a process 128 TiB of it, so a larger map cannot open. */
    static final long MAX_MAP_SIZE = 1L << 47;

    /** Reads the options from {@code spec}; an unknown parameter or bad value throws {@link SpecException}. */
    static LmdbOptions from(Spec spec) {
        spec.requireOnly(PARAMETERS);
        Path directory = Path.of(spec.requirePath());
        long mapSize = spec.sizeParam("mapSize", DEFAULT_MAP_SIZE, 0, MAX_MAP_SIZE);
        if (mapSize < MapSizePolicy.ALIGNMENT) {
            throw new SpecException("spec '" + spec + "': mapSize must be at least 64k, e.g. mapSize=1g");
        }
        String growthText = spec.param("mapGrowth", "double").trim().toLowerCase(Locale.ROOT);
        long growth = growthText.equals("double") ? 0 : spec.sizeParam("mapGrowth", 0, 0, MAX_MAP_SIZE);
        if (!growthText.equals("double") && growth < MapSizePolicy.ALIGNMENT) {
            throw new SpecException("spec '" + spec + "': mapGrowth must be 'double' or a size of at least 64k,"
                    + " e.g. mapGrowth=4g");
        }
        long max = spec.sizeParam("mapSizeMax", 0, 0, MAX_MAP_SIZE);
        if (spec.params().containsKey("mapSizeMax") && max < mapSize) {
            throw new SpecException("spec '" + spec + "': mapSizeMax must be at least mapSize (" + mapSize
                    + " bytes)");
        }
        long readers = spec.longParam("maxReaders", DEFAULT_MAX_READERS);
        if (readers < 1 || readers > 1_000_000) {
            throw new SpecException("spec '" + spec + "': maxReaders must be between 1 and 1000000");
        }
        Duration growWait = spec.durationParam("growWait", Duration.ofMinutes(5));
        return new LmdbOptions(directory,
                new MapSizePolicy(MapSizePolicy.align(mapSize), growth, max),
                growWait,
                syncParam(spec),
                (int) readers,
                spec.booleanParam("createIfMissing", true));
    }

    private static LmdbSync syncParam(Spec spec) {
        String value = spec.param("sync", "nometa").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "full" -> LmdbSync.FULL;
            case "false", "none" -> LmdbSync.NONE;
            case "nometa" -> LmdbSync.NOMETA;
            default -> throw new SpecException("spec '" + spec + "': parameter sync=" + value
                    + " is not one of full, nometa, none (or true = full, false = none)");
        };
    }
}
