package org.ethercattle.log.file;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;

/**
 * A segment a producer has open for appending. {@link #seal()} forces it (when asked) and closes it on
 * roll or close; a concurrent {@link #force()} that then finds the channel closed knows the bytes were
 * forced by the seal. Thread-safe.
 */
final class OpenSegment {

    private final SegmentFile file;
    private final FileChannel channel;
    private volatile boolean sealed;

    OpenSegment(SegmentFile file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    SegmentFile file() {
        return file;
    }

    FileChannel channel() {
        return channel;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Forces written bytes to the disk. */
    void force() throws IOException {
        try {
            channel.force(false);
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (ClosedChannelException e) {
            if (!sealed) {
                throw e;
            }
        }
    }

    /** Forces (if {@code durable}) then closes; idempotent. */
    void seal(boolean durable) throws IOException {
        if (channel.isOpen()) {
            if (durable) {
                channel.force(false);
            }
            sealed = true;
            channel.close();
        }
    }
}
