package org.ethercattle.log.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.UUID;
import org.ethercattle.api.log.LogException;

/**
 * The identity of a file log, kept in {@value #FILE_NAME} beside its segments: the on-disk format
 * version and a random stream id fixed when the log was created, so that a checkpoint taken from one
 * log is never resumed on another (even one at the same path, recreated). Immutable.
 *
 * @param formatVersion the on-disk format; this build reads and writes {@value #FORMAT_VERSION}
 * @param streamId      the log's id, a UUID in text form
 */
record LogMetadata(int formatVersion, String streamId) {

    static final String FILE_NAME = "cattle-log.properties";
    static final int FORMAT_VERSION = 1;

    /** Reads the metadata file, failing when it is unreadable or of another format. */
    static LogMetadata read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw LogException.fatal("cannot read " + file + ": " + e + "; check its permissions", e);
        }
        String version = properties.getProperty("format");
        String streamId = properties.getProperty("streamId");
        if (version == null || streamId == null || streamId.isBlank()) {
            throw LogException.fatal(file + " lacks 'format' or 'streamId'; it was not written by Cattle or"
                    + " was damaged. Restore it from a backup of the log directory");
        }
        int format;
        try {
            format = Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            throw LogException.fatal(file + " has format '" + version + "', not a number");
        }
        if (format != FORMAT_VERSION) {
            throw LogException.fatal(file + " is file log format " + format + "; this build of Cattle reads format "
                    + FORMAT_VERSION + ". Use a Cattle release that reads format " + format);
        }
        return new LogMetadata(format, streamId.trim());
    }

    /**
     * Writes fresh metadata with a new random stream id, atomically (temporary file, then rename) so
     * a crash never leaves a half-written file. The caller holds the directory's append lock.
     */
    static LogMetadata create(Path directory) {
        LogMetadata metadata = new LogMetadata(FORMAT_VERSION, UUID.randomUUID().toString());
        Path file = directory.resolve(FILE_NAME);
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.ISO_8859_1)) {
                out.write("# Cattle file log. Do not edit: replicas check streamId before resuming.\n");
                out.write("format=" + metadata.formatVersion + "\n");
                out.write("streamId=" + metadata.streamId + "\n");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
        } catch (IOException e) {
            throw LogException.fatal("cannot create " + file + ": " + e + "; check that " + directory
                    + " is writable", e);
        }
        return metadata;
    }
}
