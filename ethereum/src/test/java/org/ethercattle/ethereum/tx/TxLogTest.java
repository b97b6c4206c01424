package org.ethercattle.ethereum.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ethercattle.api.Logs;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.ethereum.rpc.RpcException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transaction log over a real file log: what is published is there once acknowledged; too big is refused. */
class TxLogTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a published transaction is the entry at the position publish returned, byte for byte")
    void publishedIsInTheLog() throws Exception {
        String spec = "file:" + dir.resolve("txlog");
        byte[] raw = SignedTransactions.transfer(SignedTransactions.EMPTY, 0, 21_000);
        Position at;
        try (LogProducer producer = Logs.openProducer(spec)) {
            at = new TxLog(producer, spec, Duration.ofSeconds(10)).publish(raw);
        }
        try (LogConsumer consumer = Logs.openConsumer(spec)) {
            consumer.seekToStart();
            List<LogEntry> entries = consumer.poll(Duration.ofSeconds(1));
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).position()).isEqualTo(at);
            assertThat(entries.get(0).payload()).isEqualTo(raw);
        }
    }

    @Test
    @DisplayName("a transaction larger than the log's messages: oversized data, naming the log's limit and spec")
    void tooBigForTheLog() {
        String spec = "file:" + dir.resolve("small") + "?maxMessageBytes=1k";
        try (LogProducer producer = Logs.openProducer(spec)) {
            TxLog log = new TxLog(producer, spec, Duration.ofSeconds(10));
            assertThatThrownBy(() -> log.publish(new byte[2000])).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.getMessage()).isEqualTo("oversized data: transaction size 2000, limit 1024 "
                            + "(the largest message the transaction log " + spec + " takes)"));
        }
    }
}
