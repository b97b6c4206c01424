package org.ethercattle.api.record;

import java.util.List;
import org.ethercattle.api.log.Position;

/**
 * Turns {@link ChangeRecord}s into log messages and back: the wire format of one stream.
 *
 * <p>A codec is stateless and thread-safe; per-stream state (chunks or batch fragments waiting for
 * the rest of their record) lives in the {@link RecordDecoder} it creates.
 */
public interface Codec {

    /** The name a stream is configured with, e.g. {@code cattle} or {@code ethercattle}. */
    String name();

    /**
     * Encodes one record as one or more messages, each at most {@code maxMessageBytes} long, to be
     * appended to the log in the returned order and by one producer. A record that needs more than one
     * message is split so that a decoder applies it only once every part has arrived.
     *
     * @throws IllegalArgumentException if {@code maxMessageBytes} is too small for even one part
     */
    List<byte[]> encode(ChangeRecord record, int maxMessageBytes);

    /**
     * Creates a decoder for one consumer of one stream.
     *
     * @param resumedAfter    the position the consumer was seeked after, or {@code null} when it reads
     *                        from the log's start; the decoder reports it back from
     *                        {@link RecordDecoder#resumePoint()} while nothing newer is safe
     * @param maxPendingBytes cap on bytes held for incomplete records; exceeding it fails decoding with
     *                        {@link PendingLimitException} rather than growing without bound
     */
    RecordDecoder newDecoder(Position resumedAfter, long maxPendingBytes);
}
