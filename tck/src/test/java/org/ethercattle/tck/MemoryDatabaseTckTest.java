package org.ethercattle.tck;

import java.nio.file.Path;

/**
 * Core's in-memory store against {@link DatabaseTck}. It claims every capability: a named store lives for
 * the JVM, so closing and reopening its spec finds the data again, which is all "persistent" means here
 * (it does not survive the process, and the suites never ask it to). For the same reason no other
 * process can open it, so it does not claim {@code oneWriterProcess}.
 */
class MemoryDatabaseTckTest extends DatabaseTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory;
    }

    @Override
    protected StoreCapabilities capabilities() {
        return StoreCapabilities.full().withOneWriterProcess(false);
    }
}
