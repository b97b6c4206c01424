package org.ethercattle.api;

/** A store could not do what was asked: I/O failure, full disk, corruption, lock held by another process. */
public class StoreException extends CattleException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
