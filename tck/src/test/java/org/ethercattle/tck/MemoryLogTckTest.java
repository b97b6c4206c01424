package org.ethercattle.tck;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Core's in-memory log against {@link LogTck}. A named log lives for the JVM, so reopening its spec finds
 * the entries again; retention uses its {@code retainEntries} parameter. A small {@code maxMessageBytes}
 * keeps the size-limit tests cheap.
 */
class MemoryLogTckTest extends LogTck {

    @Override
    protected String newLogSpec(Path emptyDirectory) {
        return "memory:" + emptyDirectory + "?maxMessageBytes=64k";
    }

    @Override
    protected Optional<String> newLogSpecRetaining(Path emptyDirectory, int retainedEntries) {
        return Optional.of("memory:" + emptyDirectory + "?maxMessageBytes=64k&retainEntries=" + retainedEntries);
    }
}
