package org.ethercattle.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.ethereum.ethercattle.EtherCattleMessages;
import org.ethercattle.ethereum.ethercattle.EtherCattleOffsetKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code cattle replica --codec ethercattle} and the original's offset key: a store left by an original
 * Go replica resumes where that replica stopped, the original's topic forms choose the start, and the key
 * is written back when asked. Runs the command in this JVM over a named in-memory log and store.
 */
class EtherCattleReplicaOptionsTest {

    private String topic;
    private String logSpec;

    @BeforeEach
    void fillLog() {
        topic = "mainnet-" + UUID.randomUUID();
        logSpec = "memory:" + topic;
        try (LogProducer producer = Logs.openProducer(logSpec)) {
            for (int i = 0; i < 6; i++) {
                producer.append(EtherCattleMessages.put(ascii("k" + i), ascii("v" + i))); // offsets 0..5
            }
            producer.flush();
        }
    }

    @Test
    @DisplayName("a store holding only the original's offset key resumes after that offset")
    void resumesFromTheOriginalOffsetKey() {
        String storeSpec = "memory:store-" + UUID.randomUUID();
        try (Database store = Stores.open(storeSpec)) {
            store.put(EtherCattleOffsetKey.forTopic(topic).key(), EtherCattleOffsetKey.encode(3, 1_700_000_000L));
        }

        assertThat(replica(storeSpec)).isZero();

        try (Database store = Stores.open(storeSpec)) {
            assertThat(store.get(ascii("k3"))).as("offsets 0..3 were the Go replica's, not read again").isNull();
            assertThat(store.get(ascii("k4"))).isEqualTo(ascii("v4"));
            assertThat(store.get(ascii("k5"))).isEqualTo(ascii("v5"));
        }
    }

    @Test
    @DisplayName("the topic form name:N starts at offset N; name: starts at the oldest offset")
    void topicFormsChooseTheStart() {
        String fromTwo = "memory:store-" + UUID.randomUUID();
        assertThat(replica(fromTwo, "--ethercattle-topic", topic + ":2")).isZero();
        try (Database store = Stores.open(fromTwo)) {
            assertThat(store.get(ascii("k1"))).isNull();
            assertThat(store.get(ascii("k2"))).isEqualTo(ascii("v2"));
        }

        String fromOldest = "memory:store-" + UUID.randomUUID();
        try (Database store = Stores.open(fromOldest)) {
            store.put(EtherCattleOffsetKey.forTopic(topic).key(), EtherCattleOffsetKey.encode(3, 0));
        }
        assertThat(replica(fromOldest, "--ethercattle-topic", topic + ":")).isZero();
        try (Database store = Stores.open(fromOldest)) {
            assertThat(store.get(ascii("k0"))).as("name: ignores the stored key").isEqualTo(ascii("v0"));
        }
    }

    @Test
    @DisplayName("--write-ethercattle-offset leaves the original's key at the last offset applied")
    void writesTheOriginalOffsetKey() {
        String storeSpec = "memory:store-" + UUID.randomUUID();
        assertThat(replica(storeSpec, "--write-ethercattle-offset")).isZero();
        try (Database store = Stores.open(storeSpec)) {
            byte[] value = store.get(EtherCattleOffsetKey.forTopic(topic).key());
            assertThat(value).isNotNull();
            assertThat(EtherCattleOffsetKey.decode(value).offset()).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("the Ether Cattle options are refused with another codec")
    void refusedWithAnotherCodec() {
        int code = Cattle.execute("replica", "--store", "memory:store-" + UUID.randomUUID(), "--log", logSpec,
                "--write-ethercattle-offset", "--exit-when-caught-up");
        assertThat(code).isNotZero();
    }

    private int replica(String storeSpec, String... extra) {
        String[] base = {"replica", "--store", storeSpec, "--log", logSpec, "--codec", "ethercattle",
            "--exit-when-caught-up"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cattle.execute(args);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(US_ASCII);
    }
}
