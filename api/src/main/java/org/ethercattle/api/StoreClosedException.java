package org.ethercattle.api;

/** A database, batch or cursor was used after it was closed. */
public class StoreClosedException extends StoreException {

    public StoreClosedException(String what) {
        super(what + " is closed; open it again (or keep it open) before using it");
    }
}
