package org.ethercattle.api;

/**
 * Optional store capability: a full pass over the store's files that checks them with the store's own
 * checksums, for finding damage (a flipped bit in a table file, a torn page) before it is served, copied
 * or snapshotted. A store that keeps checksums only checks them on the blocks a read happens to touch, so
 * a store with a damaged file can open, replay and answer most reads without noticing. The pass reads
 * every live file (or every entry) once, so it takes about as long as reading the whole store.
 *
 * <p>The clauses are numbered for the TCK's tests to name:
 * <ol>
 *   <li><b>V1</b> A store with such a pass implements this interface; callers find it with
 *       {@link #of(Database)} (or {@code instanceof}), and decorators that wrap a store forward it.</li>
 *   <li><b>V2</b> Damage is reported in the returned {@link VerifyReport}, never thrown, so a caller learns
 *       everything the pass found: a sound store's report is {@code ok()}, every finding says where and
 *       what, and damage names the file (or part) it was found in.</li>
 *   <li><b>V3</b> What cannot be checked (a store without checksums) is said in the report too, as an
 *       {@link VerifyReport.Kind#UNCHECKED} finding.</li>
 *   <li><b>V4</b> The pass changes nothing.</li>
 *   <li><b>V5</b> It runs beside reads and writes.</li>
 *   <li><b>V6</b> Safe from any thread; a store opened read-only can be verified too.</li>
 *   <li><b>V7</b> Throws {@link StoreClosedException} once the store is closed.</li>
 * </ol>
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
