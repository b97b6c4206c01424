package org.ethercattle.ethereum.ethercattle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ethercattle.ethereum.ethercattle.Entries.hex;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.ethercattle.api.Batch;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.core.memory.MemoryDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vectors of the original's {@code cdc-log-<topic>-offset} value, from Go's {@code binary.PutVarint}:
 * zig-zag (2n for n >= 0, -2n-1 for n < 0), then LEB128, each padded with zeros to 10 bytes.
 */
class EtherCattleOffsetKeyTest {

    @ParameterizedTest(name = "offset {0} at {1} s")
    @CsvSource({
        "0, 0, 00000000000000000000 00000000000000000000",
        "1, 0, 02000000000000000000 00000000000000000000",
        "42, 1700000000, 54000000000000000000 80c49fd50c0000000000",
        "1042, 1700000000, a4100000000000000000 80c49fd50c0000000000",
        "300, 63, d8040000000000000000 7e000000000000000000",
        "9223372036854775807, 64, feffffffffffffffff01 80010000000000000000",
    })
    void value_is_two_zero_padded_go_varints(long offset, long seconds, String value) {
        assertThat(EtherCattleOffsetKey.encode(offset, seconds)).isEqualTo(hex(value));
        assertThat(EtherCattleOffsetKey.decode(hex(value))).isEqualTo(new EtherCattleOffsetKey.Value(offset, seconds));
    }

    @Test
    void negative_values_zig_zag_to_odd_numbers() {
        assertThat(EtherCattleOffsetKey.encode(-1, -64)).isEqualTo(hex("01000000000000000000 7f000000000000000000"));
        assertThat(EtherCattleOffsetKey.decode(hex("ffffffffffffffffff01 00")))
                .isEqualTo(new EtherCattleOffsetKey.Value(Long.MIN_VALUE, 0));
    }

    @Test
    void key_names_the_topic() {
        assertThat(new String(EtherCattleOffsetKey.forTopic("mainnet-cdc").key(), StandardCharsets.UTF_8))
                .isEqualTo("cdc-log-mainnet-cdc-offset");
    }

    @Test
    void reads_the_offset_the_original_wrote_and_writes_what_it_reads() {
        Database store = MemoryDatabase.open();
        EtherCattleOffsetKey key = EtherCattleOffsetKey.forTopic("t", () -> 1_700_000_000L);
        assertThat(key.lastApplied(store)).isEmpty();

        store.put("cdc-log-t-offset".getBytes(StandardCharsets.UTF_8), hex("a4100000000000000000 80c49fd50c0000000000"));
        assertThat(key.lastApplied(store)).isEqualTo(OptionalLong.of(1042));

        try (Batch batch = store.newBatch()) {
            key.write(batch, 7);
            batch.write();
        }
        assertThat(store.get(key.key())).isEqualTo(hex("0e000000000000000000 80c49fd50c0000000000"));
        assertThat(key.lastApplied(store)).isEqualTo(OptionalLong.of(7));
    }

    @Test
    void an_unreadable_or_negative_offset_is_a_store_error_naming_the_key() {
        Database store = MemoryDatabase.open();
        EtherCattleOffsetKey key = EtherCattleOffsetKey.forTopic("t");

        store.put(key.key(), hex("ffffffffffffffffffff"));
        assertThatThrownBy(() -> key.lastApplied(store)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cdc-log-t-offset");

        store.put(key.key(), hex("01000000000000000000 00000000000000000000"));
        assertThatThrownBy(() -> key.lastApplied(store)).isInstanceOf(StoreException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void topic_forms_of_the_original() {
        assertThat(KafkaTopicForm.parse("mainnet")).isEqualTo(
                new KafkaTopicForm("mainnet", KafkaTopicForm.Start.STORED_OFFSET, -1));
        assertThat(KafkaTopicForm.parse("mainnet:")).isEqualTo(
                new KafkaTopicForm("mainnet", KafkaTopicForm.Start.OLDEST, -1));
        assertThat(KafkaTopicForm.parse("mainnet:1042")).isEqualTo(
                new KafkaTopicForm("mainnet", KafkaTopicForm.Start.OFFSET, 1042));

        assertThat(KafkaTopicForm.parse("mainnet").fallback()).get().hasToString("cdc-log-mainnet-offset");
        assertThat(KafkaTopicForm.parse("mainnet:").fallback()).isEmpty();
        assertThat(KafkaTopicForm.parse("mainnet:0").fallback()).isEmpty();
        assertThat(KafkaTopicForm.parse("mainnet:1042").fallback()).get()
                .satisfies(c -> assertThat(c.lastApplied(MemoryDatabase.open())).hasValue(1041));

        for (String bad : new String[] {"", ":5", "a:b", "a:-1", "a:+1", "a:1:2", "a::"}) {
            assertThatThrownBy(() -> KafkaTopicForm.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'name:N'");
        }
    }
}
