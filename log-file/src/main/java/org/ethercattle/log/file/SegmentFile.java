package org.ethercattle.log.file;

import java.nio.file.Path;

/**
 * One segment file of a file log: the frames of a run of consecutive entries, named by the index of
 * its first entry, zero-padded to 20 digits ({@code 00000000000000001024.log}), so that file names sort
 * like indexes. Immutable.
 *
 * @param baseIndex the index of the first entry the segment holds (or will hold, while empty)
 * @param path      the file
 */
record SegmentFile(long baseIndex, Path path) implements Comparable<SegmentFile> {

    static final String SUFFIX = ".log";
    private static final int DIGITS = 20;

    static SegmentFile in(Path directory, long baseIndex) {
        return new SegmentFile(baseIndex, directory.resolve(fileName(baseIndex)));
    }

    static String fileName(long baseIndex) {
        String digits = Long.toString(baseIndex);
        return "0".repeat(DIGITS - digits.length()) + digits + SUFFIX;
    }

    /** The base index a segment file name stands for, or -1 when the name is not a segment's. */
    static long parseBaseIndex(String fileName) {
        if (fileName.length() != DIGITS + SUFFIX.length() || !fileName.endsWith(SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < DIGITS; i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(fileName, 0, DIGITS, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public int compareTo(SegmentFile other) {
        return Long.compare(baseIndex, other.baseIndex);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
