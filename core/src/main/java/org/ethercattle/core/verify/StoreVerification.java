package org.ethercattle.core.verify;

import org.ethercattle.api.Database;
import org.ethercattle.api.Verifiable;
import org.ethercattle.api.VerifyReport;

/**
 * The whole check of a replica's store: the store's own checksum pass ({@link Verifiable}, or a note
 * that it has none) followed by the check of Cattle's reserved keys ({@link ReservedKeysCheck}). What
 * {@code cattle verify} prints, and what {@code cattle snapshot} and {@code cattle copy} require of a
 * source before copying it.
 */
public final class StoreVerification {

    private StoreVerification() {}

    /** Verifies {@code store}; damage is in the report, never thrown. */
    public static VerifyReport of(Database store) {
        VerifyReport own = Verifiable.of(store);
        return own.plus(ReservedKeysCheck.of(store));
    }
}
