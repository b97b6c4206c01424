package org.ethercattle.api.spi;

/** How a store is opened. */
public enum OpenMode {
    /** Create the store if missing; reads and writes allowed. */
    READ_WRITE,
    /** The store must exist; writes throw {@link org.ethercattle.api.ReadOnlyException}. */
    READ_ONLY
}
