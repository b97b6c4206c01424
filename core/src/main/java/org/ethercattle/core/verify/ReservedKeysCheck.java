package org.ethercattle.core.verify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.VerifyReport.Finding;
import org.ethercattle.core.replay.CheckpointCodec;

/**
 * Checks the keys Cattle keeps for itself in a store ({@link ReservedKeys}): every replay checkpoint
 * ({@code checkpoint/<stream>}) must decode, CRC32C included, and every key of head-guard memory
 * ({@code guard/<stream>\0<u16 head length><head key><u64 ordinal>}) must have that shape. A store whose
 * checksums all match can still hold a checkpoint that a replica cannot resume from (LMDB keeps no
 * checksums at all), and a replica finds that out only when it restarts.
 *
 * <p>Reserved keys of other names are counted but not judged: a newer Cattle may write kinds this one does
 * not know.
 */
public final class ReservedKeysCheck {

    private static final String CHECKPOINT = "checkpoint/";
    private static final String GUARD = "guard/";

    private ReservedKeysCheck() {}

    /**
     * The findings for {@code store}'s reserved keys: one per damaged key, then one summary that they were
     * checked. A read that fails while walking them (a corrupt block under them) is damage too.
     */
    public static List<Finding> of(Database store) {
        List<Finding> findings = new ArrayList<>();
        int checkpoints = 0;
        int guardKeys = 0;
        int other = 0;
        byte[] lastKey = null;
        try (Cursor cursor = store.cursor(ReservedKeys.PREFIX, new byte[0])) {
            while (cursor.next()) {
                byte[] key = cursor.key();
                lastKey = key;
                String name = nameOf(key);
                if (name.startsWith(CHECKPOINT)) {
                    checkpoints++;
                    String stream = name.substring(CHECKPOINT.length());
                    try {
                        CheckpointCodec.decode(cursor.value(), stream);
                    } catch (StoreException e) {
                        findings.add(Finding.damage("reserved key '" + printable(name) + "'",
                                "the replay checkpoint of stream " + stream + " does not decode: " + e.getMessage()));
                    }
                } else if (name.startsWith(GUARD)) {
                    guardKeys++;
                    String problem = guardKeyProblem(key);
                    if (problem != null) {
                        findings.add(Finding.damage("reserved key '" + printable(name) + "'",
                                "head-guard memory key is malformed: " + problem));
                    }
                } else {
                    other++;
                }
            }
        } catch (StoreException e) {
            findings.add(Finding.damage("reserved keys" + (lastKey == null ? "" : " after '" + printable(nameOf(lastKey)) + "'"),
                    "could not be read: " + e.getMessage()));
            return findings;
        }
        findings.add(Finding.checked("reserved keys", checkpoints + " replay checkpoint(s) and " + guardKeys
                + " head-guard key(s) checked" + (other == 0 ? "" : ", " + other + " other reserved key(s) not judged")));
        return findings;
    }

    /**
     * What is wrong with head-guard key {@code key}, or null: after {@code guard/<stream>\0} it holds a
     * u16 head-key length, the head key and an u64 ordinal. The stream id never holds a NUL.
     */
    private static String guardKeyProblem(byte[] key) {
        int at = ReservedKeys.PREFIX.length + GUARD.length();
        while (at < key.length && key[at] != 0) {
            at++;
        }
        if (at >= key.length) {
            return "no NUL after the stream id";
        }
        ByteBuffer suffix = ByteBuffer.wrap(key, at + 1, key.length - at - 1);
        if (suffix.remaining() < 2) {
            return "no head-key length";
        }
        int headLength = suffix.getShort() & 0xFFFF;
        if (suffix.remaining() != headLength + 8) {
            return "head-key length " + headLength + " does not fit the " + (key.length - at - 1)
                    + " bytes after the stream id";
        }
        return null;
    }

    private static String nameOf(byte[] key) {
        return new String(key, ReservedKeys.PREFIX.length, key.length - ReservedKeys.PREFIX.length,
                StandardCharsets.UTF_8);
    }

    /** {@code name} with control characters as {@code \xNN}, so a finding stays one line. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7F) {
                out.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
