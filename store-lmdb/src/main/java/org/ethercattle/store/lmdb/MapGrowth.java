package org.ethercattle.store.lmdb;

import java.nio.ByteBuffer;
import org.ethercattle.api.StoreException;
import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The size of an {@link LmdbDatabase}'s memory map and its growth. A write transaction that runs out of
 * map ({@code MDB_MAP_FULL}) is aborted; the writer then calls {@link #grow()}, which re-maps to the next
 * size the spec's {@link MapSizePolicy} allows, and retries the whole write. Re-mapping is only allowed
 * while no transaction of this process is live, so it takes the {@link MapGate} exclusively, waiting at
 * most {@code growWait} for open cursors and checkpoints.
 *
 * <p>Only the store's single writer (under its writer lock, holding no gate) calls {@link #grow()} and
 * {@link #adoptRecordedSize()}; {@link #size()} may be read from any thread.
 */
final class MapGrowth {

    private static final Logger LOG = LoggerFactory.getLogger(MapGrowth.class);

    private final LmdbDatabase db;
    private final Env<ByteBuffer> env;
    private final MapGate gate;
    private final LmdbOptions options;
    /** The current map size in bytes; changes only under the writer lock and the exclusive gate. */
    private volatile long mapSize;

    MapGrowth(LmdbDatabase db, Env<ByteBuffer> env, MapGate gate, LmdbOptions options) {
        this.db = db;
        this.env = env;
        this.gate = gate;
        this.options = options;
        this.mapSize = env.info().mapSize;
    }

    /** The current size of the memory map in bytes. */
    long size() {
        return mapSize;
    }

    /**
     * Grows the map by the spec's policy after a write ran out of it.
     *
     * @throws StoreException when {@code mapSizeMax} forbids growing, open cursors kept the map pinned for
     *                        {@code growWait}, or the re-map failed; the failed write left the store unchanged
     */
    void grow() {
        resize(nextMapSize());
    }

    /** Adopts the map size another process recorded when it grew the map ({@code MDB_MAP_RESIZED}). */
    void adoptRecordedSize() {
        resize(0);
    }

    private long nextMapSize() {
        long current = mapSize;
        long next = options.mapSize().next(current);
        if (next < 0) {
            throw new StoreException("lmdb store at " + db.directory() + " is full: its map reached " + current
                    + " bytes and mapSizeMax=" + options.mapSize().max() + " forbids growing it; the failed write"
                    + " left the store unchanged. Raise mapSizeMax in the spec (e.g. lmdb:" + db.directory()
                    + "?mapSizeMax=" + MapSizePolicy.align(Math.max(current * 2, current + (1L << 30))) + ")");
        }
        return next;
    }

    /** Re-maps to {@code next} bytes, or to the size another process recorded when {@code next} is 0. */
    private void resize(long next) {
        long current = mapSize;
        long stamp;
        try {
            stamp = gate.tryEnterExclusive(options.growWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting to grow the map of lmdb store at " + db.directory(), e);
        }
        if (stamp == 0) {
            throw new StoreException("lmdb store at " + db.directory() + " needs a larger map (now " + current
                    + " bytes) but " + db.openCursors() + " open cursor(s) or a checkpoint kept it pinned for"
                    + " growWait=" + options.growWait() + "; close cursors before writing, or open the store with a"
                    + " larger mapSize so it need not grow; the failed write left the store unchanged");
        }
        try {
            if (db.isClosed()) {
                throw db.closedException();
            }
            env.setMapSize(next);
            mapSize = env.info().mapSize;
            LOG.info("lmdb store at {}: map grown from {} to {} bytes", db.directory(), current, mapSize);
        } catch (LmdbException e) {
            throw new StoreException("lmdb store at " + db.directory() + " could not grow its map from " + current
                    + " to " + next + " bytes: " + e.getMessage() + "; the failed write left the store unchanged."
                    + " Set mapSizeMax to a size the machine can map, or free memory/address space", e);
        } finally {
            gate.exitExclusive(stamp);
        }
    }
}
