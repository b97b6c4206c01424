package org.ethercattle.ethereum.anvil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A minimal ustar reader: just enough to pull one regular file out of an npm tarball. */
final class TarEntries {

    private TarEntries() {}

    /**
     * Returns the content of the entry named {@code name}.
     *
     * @throws IOException if the archive ends without it
     */
    static byte[] read(InputStream tar, String name) throws IOException {
        byte[] header = new byte[512];
        while (readFully(tar, header)) {
            if (header[0] == 0) {
                break; // two zero blocks end the archive
            }
            String entry = cString(header, 0, 100);
            String prefix = cString(header, 345, 155);
            if (!prefix.isEmpty()) {
                entry = prefix + "/" + entry;
            }
            long size = Long.parseLong(cString(header, 124, 12).trim(), 8);
            long padded = (size + 511) / 512 * 512;
            if (entry.equals(name)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
                byte[] chunk = new byte[8192];
                long left = size;
                while (left > 0) {
                    int n = tar.read(chunk, 0, (int) Math.min(chunk.length, left));
                    if (n < 0) {
                        throw new IOException("tar entry " + name + " is truncated");
                    }
                    out.write(chunk, 0, n);
                    left -= n;
                }
                return out.toByteArray();
            }
            tar.skipNBytes(padded);
        }
        throw new IOException("the Anvil tarball has no entry " + name);
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int off = 0;
        while (off < block.length) {
            int n = in.read(block, off, block.length - off);
            if (n < 0) {
                return false;
            }
            off += n;
        }
        return true;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }
}
