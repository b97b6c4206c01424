package org.ethercattle.cli;

import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.ethercattle.EtherCattleOffsetKey;
import org.ethercattle.ethereum.ethercattle.KafkaTopicForm;

/**
 * How a replica of an original Ether Cattle stream treats the original's resume offset key
 * ({@code cdc-log-<topic>-offset}, see docs/ethercattle-compat.md).
 *
 * <p>Without a topic form the original's default applies: the topic is the stream's own name and, when
 * the store holds no Cattle checkpoint, replay resumes after the offset that key records (so a Cattle
 * replica can take over a Go replica's database). A Cattle checkpoint always wins over the key.
 *
 * @param topicForm   the original's {@code kafka.topic} argument ({@code name}, {@code name:} or
 *                    {@code name:N}), or {@code null} for the stream's own name
 * @param writeOffset whether every commit also writes the original's offset key, so an original Go
 *                    replica can take over the database
 */
record EtherCattleStart(KafkaTopicForm topicForm, boolean writeOffset) {

    /** Configures {@code builder} for a stream named {@code streamId}. */
    void configure(Replayer.Builder builder, String streamId) {
        KafkaTopicForm form = topicForm != null ? topicForm : KafkaTopicForm.parse(streamId);
        form.fallback().ifPresent(builder::fallbackCheckpoint);
        if (writeOffset) {
            builder.mirrorCheckpoint(EtherCattleOffsetKey.forTopic(form.topic()));
        }
    }
}
