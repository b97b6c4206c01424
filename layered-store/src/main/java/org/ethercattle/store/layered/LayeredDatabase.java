package org.ethercattle.store.layered;

import java.util.List;
import java.util.Objects;
import org.ethercattle.api.Batch;
import org.ethercattle.api.BulkLoadable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreClosedException;
import org.ethercattle.api.StoreGauges;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;

/**
 * A store made of a writable {@code top} layer over a {@code bottom} layer that is only read: typically a
 * fresh local store that replay writes into, over a snapshot whose pending compactions replay then never
 * has to fight.
 *
 * <ul>
 *   <li><b>Reads.</b> {@link #get} returns the top's value; a tombstone in the top means absent; a key the
 *       top knows nothing about is read from the bottom.</li>
 *   <li><b>Writes</b> all go to the top: a put stores the value, a delete stores a tombstone (see
 *       {@link TopValue}), whether or not the bottom holds the key. The bottom is never written.</li>
 *   <li><b>Batches</b> are one top batch carrying values and tombstones, so they are exactly as atomic as
 *       the top's batches.</li>
 *   <li><b>Cursors</b> merge a top cursor and a bottom cursor, each positioned by its own store's seek, in
 *       unsigned key order: the top wins on equal keys, tombstoned keys never show, no key shows twice.
 *       A cursor is a consistent view when the top's cursors are (the bottom does not change).</li>
 *   <li><b>Reserved keys</b> (checkpoints) are ordinary keys here: a replica's checkpoint is written to
 *       the top, and until it is, the bottom's (the snapshot's) is read, so replay resumes from the
 *       snapshot.</li>
 *   <li><b>Verification</b> ({@link Verifiable}): each layer's own pass, top then bottom, each finding
 *       labelled with its layer.</li>
 *   <li><b>Limits.</b> Keys: those of both layers. Values: one byte less than the top takes (the tag).</li>
 *   <li><b>Ownership and threads.</b> The layered database owns both layers and closes them in
 *       {@link #close()}. It is thread-safe when both layers are.</li>
 * </ul>
 */
public class LayeredDatabase implements Database, BulkLoadable, StoreGauges, Verifiable {

    private final Database top;
    private final Database bottom;
    private final String name;
    private volatile boolean closed;

    /** A layered store of {@code top} over {@code bottom}, both open; it owns and closes them. */
    public LayeredDatabase(Database top, Database bottom) {
        this(top, bottom, "layered store");
    }

    /**
     * As {@link #LayeredDatabase(Database, Database)}, with {@code name} (e.g. the spec) used in error
     * messages.
     */
    public LayeredDatabase(Database top, Database bottom, String name) {
        this.top = Objects.requireNonNull(top, "top");
        this.bottom = Objects.requireNonNull(bottom, "bottom");
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The top layer, where writes go; its values are tagged (see {@link TopValue}). */
    public Database top() {
        return top;
    }

    /** The bottom layer, only ever read. */
    public Database bottom() {
        return bottom;
    }

    @Override
    public byte[] get(byte[] key) {
        checkOpen();
        byte[] stored = top.get(Objects.requireNonNull(key, "key"));
        if (stored == null) {
            return bottom.get(key);
        }
        return TopValue.isTombstone(stored) ? null : TopValue.unwrap(stored);
    }

    @Override
    public boolean has(byte[] key) {
        checkOpen();
        byte[] stored = top.get(Objects.requireNonNull(key, "key"));
        if (stored == null) {
            return bottom.has(key);
        }
        return !TopValue.isTombstone(stored);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkOpen();
        Objects.requireNonNull(key, "key");
        top.put(key, TopValue.wrap(Objects.requireNonNull(value, "value")));
    }

    @Override
    public void delete(byte[] key) {
        checkOpen();
        top.put(Objects.requireNonNull(key, "key"), TopValue.tombstone());
    }

    @Override
    public Batch newBatch() {
        checkOpen();
        return new LayeredBatch(this, top.newBatch());
    }

    /** Passes the hint to the top layer, where every write goes (when it takes the hint). */
    @Override
    public void beginBulkLoad() {
        checkOpen();
        if (top instanceof BulkLoadable bulk) {
            bulk.beginBulkLoad();
        }
    }

    /** Passes the hint to the top layer (when it takes the hint). */
    @Override
    public void endBulkLoad() {
        checkOpen();
        if (top instanceof BulkLoadable bulk) {
            bulk.endBulkLoad();
        }
    }

    /** The top layer's: the bottom is never written, so it defers nothing. */
    @Override
    public boolean deferredUpkeepPending() {
        return !closed && top instanceof BulkLoadable bulk && bulk.deferredUpkeepPending();
    }

    /** The top layer's gauges (none when it has none): the bottom is only read, so its own do not move. */
    @Override
    public List<String> gaugeNames() {
        return StoreGauges.of(top).gaugeNames();
    }

    @Override
    public double gauge(String name) {
        return StoreGauges.of(top).gauge(name);
    }

    /** {@inheritDoc} Here: the top layer's pass, then the bottom's; damage in either is damage here. */
    @Override
    public VerifyReport verify() {
        checkOpen();
        List<VerifyReport.Finding> findings = new java.util.ArrayList<>();
        Verifiable.of(top).findings().forEach(f -> findings.add(f.within("top layer")));
        Verifiable.of(bottom).findings().forEach(f -> findings.add(f.within("bottom layer")));
        return new VerifyReport(toString(), findings);
    }

    @Override
    public Cursor cursor(byte[] prefix, byte[] start) {
        checkOpen();
        byte[] p = prefix == null ? new byte[0] : prefix.clone();
        byte[] s = start == null ? new byte[0] : start.clone();
        Cursor topCursor = top.cursor(p, s);
        try {
            return new MergingCursor(this, topCursor, bottom.cursor(p, s));
        } catch (RuntimeException e) {
            topCursor.close();
            throw e;
        }
    }

    /** Closes the top, then the bottom. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            top.close();
        } finally {
            bottom.close();
        }
    }

    /** Throws {@link StoreClosedException} once {@link #close()} was called. */
    final void checkOpen() {
        if (closed) {
            throw new StoreClosedException(name);
        }
    }

    /** The name given at construction, for messages. */
    final String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
