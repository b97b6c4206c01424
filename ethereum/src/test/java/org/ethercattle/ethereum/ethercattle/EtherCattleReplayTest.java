package org.ethercattle.ethereum.ethercattle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ethercattle.ethereum.ethercattle.Entries.ascii;

import java.time.Duration;
import java.util.UUID;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.guard.SeenValueGuard;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.ethercattle.core.memory.MemoryPosition;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.guard.GethHeadKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Replay of ethercattle streams through the real {@link Replayer} over a memory log. */
class EtherCattleReplayTest {

    static final EtherCattleCodec CODEC = new EtherCattleCodec();
    static final byte[] A = BatchAssemblyTest.A;

    final String topic = "ec-replay-" + UUID.randomUUID();
    final MemoryLog log = MemoryLog.open(topic);

    @AfterEach
    void discard() {
        MemoryLog.discard(topic);
    }

    /** Appends raw messages; returns the offset of the last. */
    long append(byte[]... messages) {
        long last = -1;
        try (LogProducer producer = log.newProducer()) {
            for (byte[] message : messages) {
                last = ((MemoryPosition) producer.append(message).join()).index();
            }
        }
        return last;
    }

    Replayer.Builder replayer(Database store, LogConsumer consumer) {
        return Replayer.builder(store, consumer).codec(CODEC).headGuard(HeadGuard.none())
                .pollTimeout(Duration.ofMillis(5));
    }

    static byte[] put(String key, String value) {
        return EtherCattleMessages.put(ascii(key), ascii(value));
    }

    @Test
    @DisplayName("a store whose only checkpoint is the original's offset key resumes with the entry after that offset")
    void starts_after_the_original_offset_key() {
        append(put("k0", "0"), put("k1", "1"), put("k2", "2"), EtherCattleMessages.heartbeat(), put("k4", "4"),
                put("k5", "5"));
        Database store = MemoryDatabase.open();
        // What an original replica leaves after applying offsets 0..3 (the heartbeat at 3 wrote the key).
        store.put(ascii("k0"), ascii("0"));
        store.put(ascii("k1"), ascii("1"));
        store.put(ascii("k2"), ascii("2"));
        EtherCattleOffsetKey key = EtherCattleOffsetKey.forTopic(topic);
        store.put(key.key(), EtherCattleOffsetKey.encode(3, 1_700_000_000L));
        store.delete(ascii("k1")); // proves offsets 0..3 are not read again: k1 stays deleted

        try (LogConsumer consumer = log.newConsumer();
                Replayer replayer = replayer(store, consumer).fallbackCheckpoint(key).build()) {
            assertThat(replayer.resumedAfter()).contains(new MemoryPosition(topic, 3));
            assertThat(replayer.catchUp()).isEqualTo(2);
        }

        assertThat(store.get(ascii("k1"))).isNull();
        assertThat(store.get(ascii("k4"))).isEqualTo(ascii("4"));
        assertThat(store.get(ascii("k5"))).isEqualTo(ascii("5"));
    }

    @Test
    void a_cattle_checkpoint_wins_over_the_original_offset_key() {
        append(put("k0", "0"), put("k1", "1"));
        Database store = MemoryDatabase.open();
        try (LogConsumer consumer = log.newConsumer(); Replayer replayer = replayer(store, consumer).build()) {
            replayer.catchUp();
        }
        EtherCattleOffsetKey key = EtherCattleOffsetKey.forTopic(topic);
        store.put(key.key(), EtherCattleOffsetKey.encode(0, 0));
        store.delete(ascii("k1"));
        append(put("k2", "2"));

        try (LogConsumer consumer = log.newConsumer();
                Replayer replayer = replayer(store, consumer).fallbackCheckpoint(key).build()) {
            assertThat(replayer.resumedAfter()).contains(new MemoryPosition(topic, 1));
            replayer.catchUp();
        }
        assertThat(store.get(ascii("k1"))).as("offset 1 not read again").isNull();
        assertThat(store.get(ascii("k2"))).isEqualTo(ascii("2"));
    }

    @Test
    @DisplayName("a replica stopped between a batch's fragments and its commit applies the whole batch after restart")
    void restart_between_fragments_and_commit_loses_nothing() {
        Database store = MemoryDatabase.open();
        EtherCattleOffsetKey mirror = EtherCattleOffsetKey.forTopic(topic, () -> 1_700_000_000L);
        append(put("before", "b"),                                                 // 0
                EtherCattleMessages.fragmentPut(A, ascii("a1"), ascii("1")),       // 1
                EtherCattleMessages.heartbeat(),                                   // 2
                EtherCattleMessages.fragmentPut(A, ascii("a2"), ascii("2")),       // 3
                put("other", "o"));                                                // 4
        try (LogConsumer consumer = log.newConsumer();
                Replayer replayer = replayer(store, consumer).mirrorCheckpoint(mirror).build()) {
            replayer.catchUp();
        }
        assertThat(store.get(ascii("other"))).isEqualTo(ascii("o"));
        assertThat(store.get(ascii("a1"))).isNull();
        assertThat(mirror.lastApplied(store)).as("the mirrored offset stays before the first fragment").hasValue(0);

        append(EtherCattleMessages.fragmentPut(A, ascii("a3"), ascii("3")), EtherCattleMessages.commit(A));
        try (LogConsumer consumer = log.newConsumer();
                Replayer replayer = replayer(store, consumer).mirrorCheckpoint(mirror).build()) {
            assertThat(replayer.resumedAfter()).contains(new MemoryPosition(topic, 0));
            replayer.catchUp();
        }

        assertThat(store.get(ascii("a1"))).isEqualTo(ascii("1"));
        assertThat(store.get(ascii("a2"))).isEqualTo(ascii("2"));
        assertThat(store.get(ascii("a3"))).isEqualTo(ascii("3"));
        assertThat(mirror.lastApplied(store)).hasValue(6);
        assertThat(store.get(mirror.key())).isEqualTo(EtherCattleOffsetKey.encode(6, 1_700_000_000L));
    }

    @Test
    void ancient_blocks_are_kept_readable_by_number_and_truncation_hides_them() {
        Database store = MemoryDatabase.open();
        AncientBlock b0 = block(0, "zero");
        AncientBlock b1 = block(1, "one");
        AncientBlock b2 = block(2, "two");
        AncientBlock b2again = block(2, "two-again");
        append(EtherCattleMessages.appendAncient(b0), EtherCattleMessages.appendAncient(b1),
                EtherCattleMessages.appendAncient(b2), EtherCattleMessages.sync());
        AncientStore ancients = new AncientStore(store);

        catchUp(store);
        assertThat(ancients.count()).isEqualTo(3);
        assertThat(ancients.block(1)).contains(b1);
        assertThat(ancients.get(AncientKeys.HEADERS, 2)).hasValueSatisfying(v -> assertThat(v).isEqualTo(b2.header()));

        append(EtherCattleMessages.truncateAncients(1));
        catchUp(store);
        assertThat(ancients.count()).isEqualTo(1);
        assertThat(ancients.block(0)).contains(b0);
        assertThat(ancients.block(1)).isEmpty();
        assertThat(ancients.get(AncientKeys.BODIES, 2)).isEmpty();

        append(EtherCattleMessages.appendAncient(b1), EtherCattleMessages.appendAncient(b2again));
        catchUp(store);
        assertThat(ancients.count()).isEqualTo(3);
        assertThat(ancients.block(2)).contains(b2again);
    }

    @Test
    void the_original_head_rule_drops_a_repeated_last_block_but_lets_last_fast_through() {
        Database store = MemoryDatabase.open();
        append(put("LastBlock", "h1"), put("LastBlock", "h2"), put("LastBlock", "h1"),
                put("LastFast", "f1"), put("LastFast", "f2"), put("LastFast", "f1"));
        try (LogConsumer consumer = log.newConsumer();
                Replayer replayer = replayer(store, consumer)
                        .headGuard(new SeenValueGuard(GethHeadKeys.ETHER_CATTLE)).build()) {
            replayer.catchUp();
        }
        assertThat(store.get(ascii("LastBlock"))).isEqualTo(ascii("h2"));
        assertThat(store.get(ascii("LastFast"))).isEqualTo(ascii("f1"));
    }

    private void catchUp(Database store) {
        try (LogConsumer consumer = log.newConsumer(); Replayer replayer = replayer(store, consumer).build()) {
            replayer.catchUp();
        }
    }

    private static AncientBlock block(long number, String tag) {
        return new AncientBlock(number, ascii("hash-" + tag), ascii("header-" + tag), ascii("body-" + tag),
                ascii("receipts-" + tag), ascii("td-" + tag));
    }
}
