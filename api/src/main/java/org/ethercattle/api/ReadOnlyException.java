package org.ethercattle.api;

/** A write was attempted on a store opened read-only, such as a replica served to readers. */
public class ReadOnlyException extends StoreException {

    public ReadOnlyException(String what) {
        super(what + " is read-only; writes reach a replica only through replay of the log");
    }
}
