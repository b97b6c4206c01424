package org.ethercattle.matrix;

import java.nio.file.Path;
import org.ethercattle.ethereum.anvil.AnvilDifferentialTest;

/**
 * The Anvil oracle comparison over Kafka: Anvil's chain followed by {@code NodeFollower} into a capturing master,
 * through a real Kafka broker (KRaft, started on loopback by the test kit), replayed into a replica's RocksDB store
 * and served by Cattle's RPC server, answers block, transaction, receipt and log methods as Anvil does, reorgs
 * included. Everything but the log is {@link AnvilDifferentialTest}'s.
 */
class KafkaAnvilDifferentialTest extends AnvilDifferentialTest {

    @Override
    protected String changeLog(Path dir) {
        return KafkaLogSpecs.spec(dir);
    }
}
