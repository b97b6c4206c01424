package org.ethercattle.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.RecordDecoder;
import org.ethercattle.core.memory.MemoryPosition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The test vectors in docs/wire-format.md are exactly what the codec writes and reads. */
class NativeCodecVectorsTest {

    private final NativeCodec codec = new NativeCodec();

    static List<WireFormatVectors> vectors() {
        return WireFormatVectors.load();
    }

    @Test
    @DisplayName("the page holds the vectors its text promises: a put, a put with a delete, a heartbeat, chunks")
    void pageHoldsTheVectors() {
        assertThat(vectors()).extracting(WireFormatVectors::name)
                .contains("single-put", "put-and-delete", "heartbeat", "chunked");
        assertThat(vectors()).filteredOn(v -> v.name().equals("chunked"))
                .singleElement().satisfies(v -> assertThat(v.messages()).hasSizeGreaterThan(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @DisplayName("encoding the described record gives exactly the documented bytes")
    void encodesToTheDocumentedBytes(WireFormatVectors vector) {
        List<byte[]> encoded = codec.encode(vector.record(), vector.maxMessageBytes());

        assertThat(encoded).extracting(HexFormat.of()::formatHex)
                .containsExactlyElementsOf(vector.messages().stream().map(HexFormat.of()::formatHex).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @DisplayName("decoding the documented bytes gives back the record, and only after its last message")
    void decodesTheDocumentedBytes(WireFormatVectors vector) {
        RecordDecoder decoder = codec.newDecoder(null, 1 << 20);
        List<ChangeRecord> decoded = new ArrayList<>();
        for (int i = 0; i < vector.messages().size(); i++) {
            List<ChangeRecord> out = decoder.decode(new LogEntry(new MemoryPosition("vectors", i),
                    vector.messages().get(i), 0));
            if (i < vector.messages().size() - 1) {
                assertThat(out).isEmpty();
            }
            decoded.addAll(out);
        }

        assertThat(decoded).containsExactly(vector.record());
        assertThat(decoder.pendingBytes()).isZero();
    }
}
