package org.ethercattle.tck;

import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.junit.jupiter.api.Assumptions;

/**
 * What the store suites ({@link DatabaseTck}, {@link BatchTck}, {@link CursorTck}) share: the one
 * factory method an adapter implements, its capabilities, and fresh stores in a per-test temporary
 * directory that are closed after each test whatever its outcome ({@link TckFixture}).
 *
 * <p>Every test's display name starts with the numbered clause(s) of the {@code api} javadoc it checks:
 * {@code D1}... of {@link Database}, {@code W1}... of {@link org.ethercattle.api.KeyValueWriter},
 * {@code B1}... of {@link org.ethercattle.api.Batch}, {@code C1}... of {@link org.ethercattle.api.Cursor},
 * {@code CP}, {@code BL}, {@code G} and {@code V} of {@link org.ethercattle.api.Checkpointable},
 * {@link org.ethercattle.api.BulkLoadable}, {@link org.ethercattle.api.StoreGauges} and
 * {@link org.ethercattle.api.Verifiable}.
 */
public abstract class StoreSuite extends TckFixture {

    /**
     * A spec for a fresh, empty store kept under {@code emptyDirectory} (which exists and is empty);
     * the suites open it with {@code Stores.open(spec)}, and open it again after closing it to check
     * persistence unless {@link #capabilities()} says the store is not persistent. Stores that live
     * in memory should derive a unique name from the directory, e.g. {@code "memory:" + emptyDirectory}.
     */
    protected abstract String newStoreSpec(Path emptyDirectory);

    /** What the store can do; override to switch off capabilities it lacks. Defaults to {@link StoreCapabilities#full()}. */
    protected StoreCapabilities capabilities() {
        return StoreCapabilities.full();
    }

    /** The spec of a new store in its own empty directory. */
    protected final String newSpec() {
        return newStoreSpec(newDirectory("store"));
    }

    /** Opens a new, empty store. */
    protected final Database openNewStore() {
        return open(newSpec(), OpenMode.READ_WRITE);
    }

    /** Opens {@code spec} in {@code mode}; the store is closed after the test. */
    protected final Database open(String spec, OpenMode mode) {
        return closeAfterTest(Stores.open(spec, mode));
    }

    /** Skips the calling test unless the store is persistent. */
    protected final void assumePersistent() {
        Assumptions.assumeTrue(capabilities().persistent(), "the store is not persistent (capabilities)");
    }
}
