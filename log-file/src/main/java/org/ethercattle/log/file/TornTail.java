package org.ethercattle.log.file;

import java.io.IOException;
import org.ethercattle.api.log.LogException;

/**
 * The rule that tells a crash's leftovers from corruption. An append that died part-way leaves, at the
 * very end of the newest segment, either a frame that is cut short, a whole-looking frame whose CRC fails
 * and that ends exactly at the end of the file, or zeroes (space the file system allocated but never
 * filled). Anything else that does not parse is corruption, and is reported rather than repaired.
 * Stateless.
 */
final class TornTail {

    private TornTail() {}

    /** Whether what {@code scanner} stopped on (with a non-frame result) is a torn tail in the newest segment. */
    static boolean isTorn(FrameScanner scanner, FrameScanner.Result result) throws IOException {
        return switch (result) {
            case INCOMPLETE -> true;
            case BAD_CRC -> scanner.stoppedFrameEnd() >= scanner.size() || scanner.zeroesFrom(scanner.offset());
            case BAD_LENGTH, BAD_INDEX -> scanner.zeroesFrom(scanner.offset());
            case FRAME, END -> false;
        };
    }

    /** The error for a frame that cannot be read at the scanner's offset of {@code segment}. */
    static LogException corruption(SegmentFile segment, FrameScanner scanner, FrameScanner.Result result) {
        String what = switch (result) {
            case BAD_CRC -> "its CRC32C does not match its bytes";
            case BAD_LENGTH -> "its length field is impossible";
            case BAD_INDEX -> "it holds entry " + scanner.frameIndex() + " where entry " + scanner.nextIndex()
                    + " must come";
            case INCOMPLETE -> "it is cut short, yet a newer segment exists";
            case FRAME, END -> "unexpected";
        };
        return LogException.fatal("file log segment " + segment.path() + " is corrupt at byte offset "
                + scanner.offset() + " (position " + new FilePosition(scanner.nextIndex()) + "): " + what
                + ". Cattle does not repair this by itself: restore the log directory from a backup, or"
                + " move this segment and the newer ones away and re-seed replicas from a snapshot");
    }
}
