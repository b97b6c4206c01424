package org.ethercattle.log.file;

import com.google.auto.service.AutoService;
import java.nio.file.Path;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.LogProvider;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * The {@code file} log: {@code file:/path/to/logdir?param=value&...}, an embedded log kept in a local
 * directory that several processes can append to and tail at once. Parameters: see
 * {@link FileLogOptions}. {@code file:///abs/path} is accepted as {@code file:/abs/path}. Thread-safe.
 */
@AutoService(LogProvider.class)
public final class FileLogProvider implements LogProvider {

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "embedded segmented, CRC32C-checked append-only log in a local directory (cattle-log-file)";
    }

    /** Opens a producer, creating the directory and the log when missing. */
    @Override
    public LogProducer openProducer(Spec spec) {
        return FileLogProducer.open(FileLog.open(directory(spec), FileLogOptions.from(spec), true));
    }

    /** Opens a consumer at the log's start; the directory must exist (an empty one becomes an empty log). */
    @Override
    public LogConsumer openConsumer(Spec spec) {
        return FileLogConsumer.open(FileLog.open(directory(spec), FileLogOptions.from(spec), false));
    }

    static Path directory(Spec spec) {
        String path;
        if (spec.authority() == null) {
            path = spec.requirePath();
        } else if (spec.authority().isEmpty()) {
            path = "/" + spec.requirePath(); // file:///abs/path
        } else {
            throw new SpecException("spec '" + spec + "' names host '" + spec.authority() + "'; a file log is"
                    + " local: write file:/path/to/logdir");
        }
        try {
            return Path.of(path);
        } catch (RuntimeException e) {
            throw new SpecException("spec '" + spec + "' has an invalid path '" + path + "': " + e.getMessage());
        }
    }
}
