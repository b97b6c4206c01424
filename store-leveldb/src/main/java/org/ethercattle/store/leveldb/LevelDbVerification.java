package org.ethercattle.store.leveldb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.VerifyReport.Finding;
import org.iq80.leveldb.DB;
import org.iq80.leveldb.DBException;
import org.iq80.leveldb.DBIterator;
import org.iq80.leveldb.ReadOptions;

/**
 * LevelDB's checksum pass: LevelDB has no verify call, so this reads every entry once with
 * {@code verify_checksums} on (and {@code fill_cache} off, so the pass does not evict the working set),
 * which checks the CRC32C of every block of every live table file.
 *
 * <p>LevelDB's corruption status does not name the file ({@code "Corruption: block checksum mismatch"}),
 * so a failure is reported with the last key read intact and the table files whose key range, as listed
 * in LevelDB's {@code leveldb.sstables} property, lies past that key: the damaged block is in one of them.
 */
final class LevelDbVerification {

    /** One table file in {@code leveldb.sstables}: {@code " 7:2158['smallest' @ 12 : 1 .. 'largest' @ 5 : 1]"}. */
    private static final Pattern TABLE = Pattern.compile("^\\s*(\\d+):(\\d+)\\['(.*)' @ \\d+ : \\d+ \\.\\. '(.*)' @ \\d+ : \\d+\\]$");

    private LevelDbVerification() {}

    static VerifyReport run(DB db, Path path, String store) {
        ReadOptions read = new ReadOptions().verifyChecksums(true).fillCache(false);
        long entries = 0;
        byte[] lastKey = null;
        try (DBIterator iterator = db.iterator(read)) {
            for (iterator.seekToFirst(); iterator.hasNext(); ) {
                Map.Entry<byte[], byte[]> entry = iterator.next();
                lastKey = entry.getKey();
                entries++;
            }
        } catch (IOException | RuntimeException e) {
            // leveldbjni's iterator wraps the status of a bad block (its NativeDB.DBException, an
            // IOException) in a plain RuntimeException
            Throwable cause = isStatus(e) ? e : e.getCause();
            if (!isStatus(cause)) {
                throw (RuntimeException) e;
            }
            String detail = String.valueOf(cause.getMessage());
            List<String> suspects = suspects(db.getProperty("leveldb.sstables"), lastKey, path);
            String where = suspects.isEmpty() ? path.toString() : String.join(", ", suspects);
            return VerifyReport.of(store, Finding.damage(where, detail + " after " + entries + " intact entries"
                    + (lastKey == null ? ", before the first key" : ", past key 0x" + HexFormat.of().formatHex(lastKey))
                    + (suspects.size() > 1 ? " (the damaged block is in one of these table files)" : "")));
        }
        return VerifyReport.of(store, Finding.checked(path.toString(), "checksums of every block read match ("
                + entries + " entries in " + tableCount(db) + " table file(s))"));
    }

    private static boolean isStatus(Throwable e) {
        return e instanceof DBException || e instanceof IOException;
    }

    private static int tableCount(DB db) {
        String tables = db.getProperty("leveldb.sstables");
        if (tables == null) {
            return 0;
        }
        int count = 0;
        for (String line : tables.split("\n")) {
            if (TABLE.matcher(line).matches()) {
                count++;
            }
        }
        return count;
    }

    /**
     * The table files that may hold keys after {@code lastKey} (all of them when null), as paths in
     * {@code path}: those whose largest key sorts after it.
     */
    static List<String> suspects(String sstables, byte[] lastKey, Path path) {
        List<String> suspects = new ArrayList<>();
        if (sstables == null) {
            return suspects;
        }
        for (String line : sstables.split("\n")) {
            Matcher m = TABLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            byte[] largest = unescape(m.group(4));
            if (lastKey == null || Arrays.compareUnsigned(largest, lastKey) > 0) {
                suspects.add(tableFile(path, Long.parseLong(m.group(1))).toString());
            }
        }
        return suspects;
    }

    /** Table file {@code number} in {@code path}: {@code NNNNNN.ldb}, or {@code .sst} as older LevelDBs named it. */
    private static Path tableFile(Path path, long number) {
        Path ldb = path.resolve(String.format(Locale.ROOT, "%06d.ldb", number));
        Path sst = path.resolve(String.format(Locale.ROOT, "%06d.sst", number));
        return Files.exists(sst) && !Files.exists(ldb) ? sst : ldb;
    }

    /** Undoes LevelDB's {@code EscapeString}: printable ASCII as is, every other byte as {@code \xNN}. */
    static byte[] unescape(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 3 < escaped.length() && escaped.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(escaped.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
