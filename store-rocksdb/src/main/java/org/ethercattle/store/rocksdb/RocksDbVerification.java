package org.ethercattle.store.rocksdb;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.VerifyReport.Finding;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/**
 * RocksDB's own checksum pass ({@code DB::VerifyChecksum}): reads every block of every live table file and
 * checks its checksum, without filling the block cache. RocksDB stops at the first damaged file and names
 * it in its status ({@code "... block checksum mismatch ... in /db/000012.sst offset 4096 size 3967"}).
 * Writes still in the memtable are not in a table file yet; the write-ahead log is checked record by
 * record whenever the store opens. A failure other than corruption (a file a live writer deleted under a
 * read-only open) is thrown, not reported as damage.
 */
final class RocksDbVerification {

    private static final Pattern TABLE_FILE = Pattern.compile("(\\S*?\\d+\\.sst)");

    private RocksDbVerification() {}

    static VerifyReport run(RocksDB db, Path path, String store) {
        int files = db.getLiveFilesMetaData().size();
        try {
            db.verifyChecksum();
        } catch (RocksDBException e) {
            if (e.getStatus() == null || e.getStatus().getCode() != Status.Code.Corruption) {
                // e.g. a read-only open beside a writer that just deleted a compacted file: not damage
                throw RocksDbErrors.translate(e, path, "verify");
            }
            String detail = e.getMessage() == null ? String.valueOf(e.getStatus()) : e.getMessage();
            return VerifyReport.of(store, Finding.damage(damagedFile(detail, path), detail));
        }
        return VerifyReport.of(store, Finding.checked(path.toString(),
                "checksums of every block in " + files + " table file(s) match (writes not flushed yet are in the"
                        + " write-ahead log, whose records RocksDB checks as it opens)"));
    }

    /** The table file RocksDB names in {@code detail}, as a path; the store's directory if none. */
    static String damagedFile(String detail, Path path) {
        Matcher m = TABLE_FILE.matcher(detail);
        if (!m.find()) {
            return path.toString();
        }
        Path file = Path.of(m.group(1));
        return (file.isAbsolute() ? file : path.resolve(file.getFileName())).toString();
    }
}
