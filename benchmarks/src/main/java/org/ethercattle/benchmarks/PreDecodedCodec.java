package org.ethercattle.benchmarks;

import java.util.List;
import java.util.UUID;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.RecordDecoder;
import org.ethercattle.core.memory.MemoryPosition;

/**
 * A stand-in codec whose "decoding" hands out records already in memory: the entry at index {@code i}
 * of an {@link EndlessLog} is block {@code i} of a {@link BlockPool} as record {@code i} of one producer.
 * With it a {@link org.ethercattle.core.replay.Replayer} measures its apply path alone (sequence check,
 * head guard, group commit, store write) without decoding. It cannot encode.
 */
final class PreDecodedCodec implements Codec {

    private final BlockPool pool;
    private final UUID producer = UUID.randomUUID();

    PreDecodedCodec(BlockPool pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "predecoded";
    }

    @Override
    public List<byte[]> encode(ChangeRecord record, int maxMessageBytes) {
        throw new UnsupportedOperationException("the pre-decoded stand-in only decodes");
    }

    @Override
    public RecordDecoder newDecoder(Position resumedAfter, long maxPendingBytes) {
        return new RecordDecoder() {
            private Position last = resumedAfter;

            @Override
            public List<ChangeRecord> decode(LogEntry entry) {
                long index = ((MemoryPosition) entry.position()).index();
                last = entry.position();
                return List.of(ChangeRecord.batch(producer, index, 1_700_000_000_000L + index,
                        pool.block(index).ops()));
            }

            @Override
            public Position resumePoint() {
                return last;
            }

            @Override
            public long pendingBytes() {
                return 0;
            }
        };
    }
}
