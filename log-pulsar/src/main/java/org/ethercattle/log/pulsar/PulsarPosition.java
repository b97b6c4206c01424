package org.ethercattle.log.pulsar;

import java.io.IOException;
import java.util.Objects;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.ethercattle.api.log.Position;

/**
 * A Pulsar message id in one topic: {@code (ledger, entry)} of a non-partitioned persistent topic.
 *
 * <ul>
 *   <li>{@link #toBytes()} is Pulsar's own stable {@link MessageId#toByteArray()} encoding;
 *       {@link #fromBytes(String, byte[])} reads it back.</li>
 *   <li>Ordered by {@link MessageId#compareTo}: ledger, then entry. Comparing with a position of another
 *       log kind or another topic throws {@link IllegalArgumentException}.</li>
 *   <li>{@link #toString()} is {@code pulsar:<topic>@<ledger>:<entry>}.</li>
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class PulsarPosition implements Position {

    private final String topic;
    private final MessageId id;
    private final long ledgerId;
    private final long entryId;
    private final int batchIndex;

    /**
     * @param topic the full topic name ({@code persistent://tenant/ns/topic})
     * @param id    a message id of that topic, as the client returned it
     */
    public PulsarPosition(String topic, MessageId id) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.id = Objects.requireNonNull(id, "id");
        if (!(id instanceof MessageIdAdv adv)) {
            throw new IllegalArgumentException("unsupported Pulsar message id " + id + " (" + id.getClass().getName() + ")");
        }
        this.ledgerId = adv.getLedgerId();
        this.entryId = adv.getEntryId();
        this.batchIndex = adv.getBatchIndex();
    }

    /** Reads {@link #toBytes()} back; throws {@link IllegalArgumentException} on bytes that are no message id. */
    public static PulsarPosition fromBytes(String topic, byte[] bytes) {
        try {
            return new PulsarPosition(topic, MessageId.fromByteArray(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the " + bytes.length + " bytes are not a Pulsar position of " + topic
                    + " (expected a serialized MessageId): " + e.getMessage(), e);
        }
    }

    /** The Pulsar message id, for readers and seeks. */
    public MessageId messageId() {
        return id;
    }

    /** The full topic name. */
    public String topic() {
        return topic;
    }

    /** The BookKeeper ledger holding the message; retention removes whole ledgers. */
    public long ledgerId() {
        return ledgerId;
    }

    /** The entry within the ledger. */
    public long entryId() {
        return entryId;
    }

    @Override
    public byte[] toBytes() {
        return id.toByteArray();
    }

    @Override
    public int compareTo(Position other) {
        if (!(other instanceof PulsarPosition that)) {
            throw new IllegalArgumentException("cannot compare " + this + " with " + other + " of another log kind");
        }
        if (!topic.equals(that.topic)) {
            throw new IllegalArgumentException("cannot compare " + this + " with " + other + " of another topic");
        }
        return id.compareTo(that.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PulsarPosition that && ledgerId == that.ledgerId && entryId == that.entryId
                && batchIndex == that.batchIndex && topic.equals(that.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, ledgerId, entryId, batchIndex);
    }

    @Override
    public String toString() {
        return "pulsar:" + topic + "@" + ledgerId + ":" + entryId + (batchIndex >= 0 ? ":" + batchIndex : "");
    }
}
