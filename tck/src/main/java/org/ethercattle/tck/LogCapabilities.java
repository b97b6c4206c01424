package org.ethercattle.tck;

/**
 * What a log adapter can do, so that {@link LogTck} skips (rather than fails) the tests of
 * capabilities it does not claim. Immutable; start from {@link #full()} and switch off what the log
 * lacks with the withers.
 *
 * <p>Retention is not a flag: a log shows it can expire entries by overriding
 * {@link LogTck#newLogSpecRetaining(java.nio.file.Path, int)}.
 *
 * @param persistent    entries survive closing every producer and consumer; a consumer opened later
 *                      on the same spec reads them
 * @param emptyPayloads a message of zero bytes can be appended and is delivered as zero bytes
 * @param entryTimes    every {@link org.ethercattle.api.log.LogEntry#timeMillis()} is a wall-clock
 *                      time rather than {@code -1}
 */
public record LogCapabilities(boolean persistent, boolean emptyPayloads, boolean entryTimes) {

    /** A persistent log that carries empty payloads and stamps entries with their time. */
    public static LogCapabilities full() {
        return new LogCapabilities(true, true, true);
    }

    /** A copy with {@code persistent} set to {@code value}. */
    public LogCapabilities withPersistent(boolean value) {
        return new LogCapabilities(value, emptyPayloads, entryTimes);
    }

    /** A copy with {@code emptyPayloads} set to {@code value}. */
    public LogCapabilities withEmptyPayloads(boolean value) {
        return new LogCapabilities(persistent, value, entryTimes);
    }

    /** A copy with {@code entryTimes} set to {@code value}. */
    public LogCapabilities withEntryTimes(boolean value) {
        return new LogCapabilities(persistent, emptyPayloads, value);
    }
}
