package org.ethercattle.api.record;

import java.util.List;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;

/**
 * Decodes the messages of one stream, in log order, into complete {@link ChangeRecord}s. Stateful
 * (it holds the parts of records whose other parts have not arrived yet) and not thread-safe.
 *
 * <p>It never returns part of a record. It never skips silently: an entry it cannot read raises
 * {@link CorruptRecordException} naming the entry's position, and the decoder must not be used
 * afterwards.
 */
public interface RecordDecoder {

    /**
     * Decodes the next entry of the log and returns the records it completes, in order: none when
     * the entry is one part of a record still missing parts, usually one.
     *
     * @throws CorruptRecordException if the entry is damaged, of an unknown version or kind, or
     *                                inconsistent with the parts before it
     * @throws PendingLimitException  if holding this entry would exceed the pending-bytes cap
     */
    List<ChangeRecord> decode(LogEntry entry);

    /**
     * The position after which a restarted consumer must resume so that no record is lost: the
     * position of the last entry decoded when no record is incomplete; otherwise the position of the
     * entry just before the first part of the oldest incomplete record. {@code null} means "from the
     * log's start" (nothing safe has been decoded since a consumer that started at the beginning).
     * Checkpoints must never move past it.
     */
    Position resumePoint();

    /** Bytes currently held for incomplete records. */
    long pendingBytes();
}
