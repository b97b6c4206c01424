package org.ethercattle.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.core.codec.Messages.PRODUCER_A;
import static org.ethercattle.core.codec.Messages.PRODUCER_B;
import static org.ethercattle.core.codec.Messages.at;
import static org.ethercattle.core.codec.Messages.entry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.CorruptRecordException;
import org.ethercattle.api.record.PendingLimitException;
import org.ethercattle.api.record.RecordDecoder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChunkAssemblyTest {

    private static final int LIMIT = 100;

    private final NativeCodec codec = new NativeCodec();
    private final ChangeRecord bigA = Messages.bigPut(PRODUCER_A, 5, 300);
    private final ChangeRecord bigB = Messages.bigPut(PRODUCER_B, 9, 250);
    private final List<byte[]> chunksA = codec.encode(bigA, LIMIT);
    private final List<byte[]> chunksB = codec.encode(bigB, LIMIT);

    @Test
    @DisplayName("chunks of two producers interleaved in the log assemble into both records, each when complete")
    void interleavedProducers() {
        assertThat(chunksA).hasSizeGreaterThan(3);
        assertThat(chunksB).hasSizeGreaterThan(3);
        RecordDecoder decoder = codec.newDecoder(null, 1 << 20);
        List<ChangeRecord> out = new ArrayList<>();
        int a = 0;
        int b = 0;
        long position = 0;
        Random random = new Random(1);
        while (a < chunksA.size() || b < chunksB.size()) {
            boolean takeA = b == chunksB.size() || a < chunksA.size() && random.nextBoolean();
            List<ChangeRecord> decoded = decoder.decode(entry(position++, takeA ? chunksA.get(a++) : chunksB.get(b++)));
            if (takeA && a < chunksA.size() || !takeA && b < chunksB.size()) {
                assertThat(decoded).as("never part of a record").isEmpty();
            }
            out.addAll(decoded);
        }

        assertThat(out).containsExactlyInAnyOrder(bigA, bigB);
        assertThat(decoder.pendingBytes()).isZero();
        assertThat(decoder.resumePoint()).isEqualTo(at(position - 1));
    }

    @Test
    @DisplayName("the resume point stays just before the first chunk of the oldest incomplete record")
    void resumePointThroughInterleavedChunks() {
        ChangeRecord smallB = ChangeRecord.heartbeat(PRODUCER_B, 0, 0);
        RecordDecoder decoder = codec.newDecoder(at(99), 1 << 20);
        assertThat(decoder.resumePoint()).isEqualTo(at(99));

        decoder.decode(entry(100, codec.encode(smallB, LIMIT).get(0)));
        assertThat(decoder.resumePoint()).as("nothing incomplete: the last entry").isEqualTo(at(100));

        decoder.decode(entry(101, chunksA.get(0)));
        assertThat(decoder.resumePoint()).as("before A's first chunk").isEqualTo(at(100));
        assertThat(decoder.pendingBytes()).isPositive();

        decoder.decode(entry(102, chunksB.get(0)));
        decoder.decode(entry(103, chunksA.get(1)));
        assertThat(decoder.resumePoint()).as("A is still the oldest incomplete record").isEqualTo(at(100));

        for (int i = 2; i < chunksA.size(); i++) {
            decoder.decode(entry(101 + 2L * i, chunksA.get(i)));
        }
        assertThat(decoder.resumePoint()).as("A done; B is the oldest, its first chunk was at 102").isEqualTo(at(101));

        long position = 200;
        for (int i = 1; i < chunksB.size(); i++) {
            decoder.decode(entry(position++, chunksB.get(i)));
        }
        assertThat(decoder.resumePoint()).isEqualTo(at(position - 1));
        assertThat(decoder.pendingBytes()).isZero();
    }

    @Test
    @DisplayName("an incomplete record that begins the stream resumes from the log's start (null)")
    void resumeFromStart() {
        RecordDecoder decoder = codec.newDecoder(null, 1 << 20);

        decoder.decode(entry(0, chunksA.get(0)));

        assertThat(decoder.resumePoint()).isNull();
    }

    @Test
    @DisplayName("a chunk out of order, a missing chunk 0 or a changed count is corruption")
    void outOfOrder() {
        RecordDecoder skipping = codec.newDecoder(null, 1 << 20);
        skipping.decode(entry(0, chunksA.get(0)));
        assertThatThrownBy(() -> skipping.decode(entry(1, chunksA.get(2))))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("chunk 1 was expected");

        RecordDecoder headless = codec.newDecoder(null, 1 << 20);
        assertThatThrownBy(() -> headless.decode(entry(0, chunksA.get(1))))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("without its chunk 0");

        List<byte[]> longer = codec.encode(Messages.bigPut(PRODUCER_A, 5, 600), LIMIT);
        RecordDecoder changing = codec.newDecoder(null, 1 << 20);
        changing.decode(entry(0, chunksA.get(0)));
        assertThatThrownBy(() -> changing.decode(entry(1, longer.get(1))))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("disagrees with the earlier chunks");
    }

    @Test
    @DisplayName("a batch that reuses the sequence of an incomplete record is corruption")
    void sequenceReuse() {
        RecordDecoder decoder = codec.newDecoder(null, 1 << 20);
        decoder.decode(entry(0, chunksA.get(0)));

        assertThatThrownBy(() -> decoder.decode(entry(1, codec.encode(ChangeRecord.heartbeat(PRODUCER_A, 5, 0), LIMIT).get(0))))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("reuses the sequence");
    }

    @Test
    @DisplayName("holding more incomplete bytes than the cap fails with PendingLimitException")
    void pendingCap() {
        RecordDecoder decoder = codec.newDecoder(null, 400);
        decoder.decode(entry(0, chunksA.get(0)));
        long held = decoder.pendingBytes();
        assertThat(held).isEqualTo(BatchBody.size(bigA.ops()));

        assertThatThrownBy(() -> decoder.decode(entry(1, chunksB.get(0))))
                .isInstanceOf(PendingLimitException.class).hasMessageContaining("memory:test@1").hasMessageContaining("400");
    }

    @Test
    @DisplayName("a producer that starts a new record gives up its incomplete one, which is dropped, not applied")
    void newSequenceDropsIncomplete() {
        RecordDecoder decoder = codec.newDecoder(at(9), 1 << 20);
        decoder.decode(entry(10, chunksA.get(0)));
        decoder.decode(entry(11, chunksA.get(1)));
        ChangeRecord next = ChangeRecord.heartbeat(PRODUCER_A, 6, 0);

        assertThat(decoder.decode(entry(12, codec.encode(next, LIMIT).get(0)))).containsExactly(next);
        assertThat(decoder.pendingBytes()).isZero();
        assertThat(decoder.resumePoint()).isEqualTo(at(12));

        ChangeRecord again = Messages.bigPut(PRODUCER_A, 7, 300);
        List<byte[]> againChunks = codec.encode(again, LIMIT);
        decoder.decode(entry(13, againChunks.get(0)));
        List<byte[]> restarted = codec.encode(Messages.bigPut(PRODUCER_A, 8, 300), LIMIT);
        List<ChangeRecord> out = new ArrayList<>();
        for (int i = 0; i < restarted.size(); i++) {
            out.addAll(decoder.decode(entry(14 + i, restarted.get(i))));
        }
        assertThat(out).extracting(ChangeRecord::sequence).containsExactly(8L);
    }

    @Test
    @DisplayName("a record whose producer stays silent for more than the abandon entry count is dropped")
    void abandonedByEntryCount() {
        NativeCodec strict = new NativeCodec(Duration.ofDays(1), 3);
        RecordDecoder decoder = strict.newDecoder(null, 1 << 20);
        decoder.decode(entry(0, chunksA.get(0)));
        for (int i = 1; i <= 3; i++) {
            decoder.decode(entry(i, strict.encode(ChangeRecord.heartbeat(PRODUCER_B, i, 0), LIMIT).get(0)));
            assertThat(decoder.resumePoint()).as("3 later entries are still tolerated").isNull();
        }

        decoder.decode(entry(4, strict.encode(ChangeRecord.heartbeat(PRODUCER_B, 4, 0), LIMIT).get(0)));

        assertThat(decoder.resumePoint()).isEqualTo(at(4));
        assertThat(decoder.pendingBytes()).isZero();
        assertThatThrownBy(() -> decoder.decode(entry(5, chunksA.get(1))))
                .isInstanceOf(CorruptRecordException.class).hasMessageContaining("abandoned");
    }

    @Test
    @DisplayName("a record whose producer stays silent for more than the abandon interval of log time is dropped")
    void abandonedByLogTime() {
        NativeCodec codec = new NativeCodec(Duration.ofMinutes(10), 1_000_000);
        long t0 = 1_700_000_000_000L;
        RecordDecoder decoder = codec.newDecoder(null, 1 << 20);
        decoder.decode(entry(0, chunksA.get(0), t0));
        decoder.decode(entry(1, chunksA.get(1), t0 + 1000));
        byte[] heartbeat = codec.encode(ChangeRecord.heartbeat(PRODUCER_B, 0, 0), LIMIT).get(0);

        decoder.decode(entry(2, heartbeat, t0 + 1000 + Duration.ofMinutes(10).toMillis()));
        assertThat(decoder.resumePoint()).as("exactly the interval is tolerated").isNull();

        decoder.decode(entry(3, heartbeat, t0 + 1001 + Duration.ofMinutes(10).toMillis()));
        assertThat(decoder.resumePoint()).isEqualTo(at(3));
        assertThat(decoder.pendingBytes()).isZero();
    }

    @Test
    @DisplayName("a slow chunk of the producer's own record is not abandoned: the producer just spoke")
    void activeProducerIsNotAbandoned() {
        NativeCodec codec = new NativeCodec(Duration.ofMinutes(1), 1_000_000);
        RecordDecoder decoder = codec.newDecoder(null, 1 << 20);
        List<ChangeRecord> out = new ArrayList<>();
        for (int i = 0; i < chunksA.size(); i++) {
            out.addAll(decoder.decode(entry(i, chunksA.get(i), Duration.ofHours(i).toMillis())));
        }

        assertThat(out).containsExactly(bigA);
    }

    @Test
    @DisplayName("logs without entry times abandon by entry count only")
    void noLogTimes() {
        NativeCodec codec = new NativeCodec(Duration.ofMillis(1), 1_000_000);
        RecordDecoder decoder = codec.newDecoder(null, 1 << 20);
        decoder.decode(entry(0, chunksA.get(0), -1));
        decoder.decode(entry(1, codec.encode(ChangeRecord.heartbeat(PRODUCER_B, 0, 0), LIMIT).get(0), -1));

        assertThat(decoder.resumePoint()).isNull();
        assertThat(decoder.pendingBytes()).isPositive();
    }
}
