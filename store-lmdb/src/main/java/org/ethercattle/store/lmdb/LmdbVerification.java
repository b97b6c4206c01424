package org.ethercattle.store.lmdb;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.VerifyReport.Finding;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * The one check LMDB allows: walk every entry in one read transaction and see that keys come in strictly
 * increasing order. An LMDB error on the way ({@code MDB_CORRUPTED}, {@code MDB_PAGE_NOTFOUND}) is damage in
 * {@code data.mdb}. LMDB keeps no checksums, so flipped bits in a value are served as they are; every
 * report says so.
 */
final class LmdbVerification {

    private LmdbVerification() {}

    /**
     * Walks {@code dbi} of the store at {@code directory} (named {@code store} in the report) in the read
     * transaction {@code beginRead} opens; the caller holds the store's map gate shared.
     */
    static VerifyReport run(Supplier<Txn<ByteBuffer>> beginRead, Dbi<ByteBuffer> dbi, Path directory, String store) {
        String dataFile = directory.resolve("data.mdb").toString();
        Finding noChecksums = Finding.unchecked(dataFile, "LMDB keeps no checksums, so damaged values cannot be"
                + " detected; compare this store with another replica (e.g. cattle copy into a fresh store of another"
                + " replica's snapshot, or a keyspace comparison)");
        long entries = 0;
        try (Txn<ByteBuffer> txn = beginRead.get(); CursorIterable<ByteBuffer> all = dbi.iterate(txn)) {
            byte[] previous = null;
            for (CursorIterable.KeyVal<ByteBuffer> entry : all) {
                byte[] key = LmdbDatabase.copy(entry.key());
                if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                    return VerifyReport.of(store, noChecksums, Finding.damage(dataFile, "keys out of order after "
                            + entries + " entries: the B-tree is damaged; restore the store from a snapshot"));
                }
                previous = key;
                entries++;
            }
        } catch (LmdbException e) {
            return VerifyReport.of(store, noChecksums, Finding.damage(dataFile, "reading entry " + (entries + 1)
                    + " failed: " + e.getMessage()));
        }
        return VerifyReport.of(store, noChecksums, Finding.checked(dataFile, "every entry readable in key order ("
                + entries + " entries); the B-tree is intact"));
    }
}
