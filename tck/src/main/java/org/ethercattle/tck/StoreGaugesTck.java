package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreGauges;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link StoreGauges} contract (clauses G1-G6 of its javadoc): the store offers gauges under fixed,
 * well-formed names starting with its kind; an open store answers each with a number, from any thread and
 * beside a writer, never throwing; a closed one answers NaN; an unknown name is refused.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newStoreSpec(Path)}; the store it opens must
 * implement {@link StoreGauges}. Override {@link #kind(String)} when the gauges' first word is not the spec's
 * scheme (a decorator that shows the gauges of the store it wraps).
 */
public abstract class StoreGaugesTck extends StoreSuite {

    /** Lowercase words (letters and digits) joined by dots: at least the kind and one more word. */
    private static final String NAME_SHAPE = "[a-z][a-z0-9]*(\\.[a-z0-9]+)+";

    /** The first word of every gauge name of the store {@code spec} opens: by default the spec's scheme. */
    protected String kind(String spec) {
        return Spec.parse(spec).scheme();
    }

    @Test
    @DisplayName("G1: the store the factory opens implements StoreGauges and offers at least one gauge")
    void required_storeOffersGauges() {
        Database db = openNewStore();
        assertThat(db).isInstanceOf(StoreGauges.class);
        assertThat(gauges(db).gaugeNames()).isNotEmpty();
    }

    @Test
    @DisplayName("G2: the gauge names are fixed for the store's life: the same list, in the same order, before and"
            + " after writes, and after close")
    void required_namesAreFixed() {
        Database db = openNewStore();
        StoreGauges gauges = gauges(db);
        List<String> names = List.copyOf(gauges.gaugeNames());
        write(db, 20);
        assertThat(gauges.gaugeNames()).as("after writes").containsExactlyElementsOf(names);
        db.close();
        assertThat(gauges.gaugeNames()).as("after close").containsExactlyElementsOf(names);
    }

    @Test
    @DisplayName("G3: every gauge name is lowercase words joined by dots, starting with the store's kind, and no name"
            + " shows twice")
    void required_namesAreWellFormed() {
        String spec = newSpec();
        List<String> names = gauges(open(spec, OpenMode.READ_WRITE)).gaugeNames();
        String kind = kind(spec);
        assertThat(names).doesNotHaveDuplicates().allSatisfy(name -> {
            assertThat(name).matches(NAME_SHAPE);
            assertThat(name).startsWith(kind + ".");
        });
    }

    @Test
    @DisplayName("G4, G5: every gauge of an open store reads as a finite number, empty and holding data")
    void required_openStoreAnswersEveryGauge() {
        Database db = openNewStore();
        StoreGauges gauges = gauges(db);
        assertEveryGaugeFinite(gauges, "an empty store");
        write(db, 50);
        assertEveryGaugeFinite(gauges, "a store holding data");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @DisplayName("G4: gauges read from several threads beside a writer committing batches never throw and stay"
            + " numbers, and the batches all land")
    void required_gaugesAreSafeFromAnyThread() throws Exception {
        Database db = openNewStore();
        StoreGauges gauges = gauges(db);
        Concurrently.run(() -> write(db, 200), 2, () -> {
            for (int round = 0; round < 100; round++) {
                assertEveryGaugeFinite(gauges, "round " + round + " beside a writer");
            }
            return null;
        });
        assertThat(db.get(key(199, 9))).isNotNull();
    }

    @Test
    @DisplayName("G5: once the store is closed every gauge answers NaN instead of throwing")
    void required_closedStoreAnswersNaN() {
        Database db = openNewStore();
        StoreGauges gauges = gauges(db);
        write(db, 5);
        db.close();
        assertThat(gauges.gaugeNames()).allSatisfy(name ->
                assertThat(gauges.gauge(name)).as("gauge %s of a closed store", name).isNaN());
    }

    @Test
    @DisplayName("G6: a name that is not one of gaugeNames() is refused with IllegalArgumentException naming it")
    void required_unknownGaugeIsRefused() {
        StoreGauges gauges = gauges(openNewStore());
        assertThatThrownBy(() -> gauges.gauge("tck.no.such.gauge"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tck.no.such.gauge");
    }

    // ---------------------------------------------------------------- helpers

    private static StoreGauges gauges(Database db) {
        assertThat(db).as("the store under test must implement StoreGauges").isInstanceOf(StoreGauges.class);
        return (StoreGauges) db;
    }

    private static void assertEveryGaugeFinite(StoreGauges gauges, String when) {
        for (String name : gauges.gaugeNames()) {
            double value = gauges.gauge(name);
            assertThat(Double.isFinite(value)).as("gauge %s of %s is a finite number, was %s", name, when, value)
                    .isTrue();
        }
    }

    /** Writes {@code batches} batches of ten 100-byte values. */
    private static void write(Database db, int batches) {
        byte[] value = new byte[100];
        for (int b = 0; b < batches; b++) {
            try (Batch batch = db.newBatch()) {
                for (int i = 0; i < 10; i++) {
                    value[0] = (byte) i;
                    batch.put(key(b, i), value);
                }
                batch.write();
            }
        }
    }

    private static byte[] key(int batch, int index) {
        return Bytes.utf8(String.format("tck-gauges-%06d-%02d", batch, index));
    }
}
