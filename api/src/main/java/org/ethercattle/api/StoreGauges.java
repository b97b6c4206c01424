package org.ethercattle.api;

import java.util.List;

/**
 * Optional store capability: gauges of the store's internals for monitoring, read at each scrape. What
 * an operator of a replica needs to see that the database API hides, such as how many files an LSM
 * store's level 0 holds while it merges after a bulk load ({@link BulkLoadable}), or whether it is
 * throttling writes. {@code cattle replica} exports each as the Prometheus gauge
 * {@code cattle_store_<name with dots as underscores>}.
 *
 * <p>The clauses are numbered for the TCK's tests to name:
 * <ol>
 *   <li><b>G1</b> A store with gauges implements this interface and offers at least one; callers find it
 *       with {@link #of(Database)}, which answers {@link #NONE} for a store without.</li>
 *   <li><b>G2</b> The names are fixed for the store's life, in a fixed order (also once it is
 *       closed).</li>
 *   <li><b>G3</b> Names are lowercase words joined by dots, starting with the store's kind (e.g.
 *       {@code rocksdb.level0.files}), each name once; each store's documentation lists its own.</li>
 *   <li><b>G4</b> Reading a gauge is cheap (no I/O) and safe from any thread, also beside writers; it
 *       never throws.</li>
 *   <li><b>G5</b> An open store answers each gauge with a finite number; NaN means the value cannot be
 *       read, for instance once the store is closed.</li>
 *   <li><b>G6</b> {@link #gauge(String)} of a name that is not one of {@link #gaugeNames()} throws
 *       {@link IllegalArgumentException} naming it.</li>
 * </ol>
 */
public interface StoreGauges {

    /** No gauges: what a store without the capability offers. */
    StoreGauges NONE = new StoreGauges() {
        @Override
        public List<String> gaugeNames() {
            return List.of();
        }

        @Override
        public double gauge(String name) {
            throw new IllegalArgumentException("no gauge '" + name + "': this store offers none");
        }
    };

    /** The gauges of {@code store}: itself when it offers them, else {@link #NONE}. For decorators. */
    static StoreGauges of(Database store) {
        return store instanceof StoreGauges gauges ? gauges : NONE;
    }

    /** The names of the gauges this store offers, in a fixed order. */
    List<String> gaugeNames();

    /**
     * The current value of gauge {@code name}.
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #gaugeNames()}
     */
    double gauge(String name);
}
