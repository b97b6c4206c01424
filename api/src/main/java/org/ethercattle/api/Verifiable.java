package org.ethercattle.api;

/**
 * Optional store capability: a full pass over the store's files that checks them with the store's own
 * checksums, for finding damage (a flipped bit in a table file, a torn page) before it is served, copied
 * or snapshotted. A store that keeps checksums only checks them on the blocks a read happens to touch, so
 * a store with a damaged file can open, replay and answer most reads without noticing.
 *
 * <p>The pass reads every live file (or every entry) once, so it takes about as long as reading the whole
 * store; it runs beside reads and writes and changes nothing. Damage is reported in the returned
 * {@link VerifyReport}, never thrown, so a caller learns everything the pass found; what cannot be checked
 * (a store without checksums) is said in the report too. Callers find the capability with
 * {@link #of(Database)} (or {@code instanceof}); decorators that wrap a store forward it.
 *
 * <p>Safe from any thread. Throws {@link StoreClosedException} once the store is closed.
 */
public interface Verifiable {

    /**
     * Checks the whole store and reports what was checked and what is damaged.
     *
     * @throws StoreClosedException if the store is closed
     * @throws StoreException       if the pass cannot run at all (not for damage, which is reported)
     */
    VerifyReport verify();

    /**
     * The report of {@code store}'s own pass when it offers one, else a report that says the store cannot
     * check itself (one {@link VerifyReport.Kind#UNCHECKED} finding).
     */
    static VerifyReport of(Database store) {
        if (store instanceof Verifiable verifiable) {
            return verifiable.verify();
        }
        return VerifyReport.of(store.toString(), VerifyReport.Finding.unchecked(store.toString(),
                "this store offers no checksum pass; compare it with another replica (cattle copy verifies a"
                        + " copy against its source)"));
    }
}
