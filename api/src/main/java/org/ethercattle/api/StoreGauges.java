package org.ethercattle.api;

import java.util.List;

/**
 * Optional store capability: gauges of the store's internals for monitoring, read at each scrape. What
 * an operator of a replica needs to see that the database API hides, such as how many files an LSM
 * store's level 0 holds while it merges after a bulk load ({@link BulkLoadable}), or whether it is
 * throttling writes. {@code cattle replica} exports each as the Prometheus gauge
 * {@code cattle_store_<name with dots as underscores>}.
 *
 * <p>Names are fixed for the store's life, lowercase words joined by dots, starting with the store's
 * kind (e.g. {@code rocksdb.level0.files}); each store's documentation lists its own. Reading a gauge is
 * cheap (no I/O) and safe from any thread; it never throws, and answers NaN when the value cannot be read,
 * for instance once the store is closed.
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
