package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.ethereum.follow.FollowedStore;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.types.Hex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cattle master --follow-rpc}: a node's chain through change capture into a log, and out of it again. */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a guard against a master that never stops, not a speed check
class MasterFollowCommandTest {

    @TempDir
    Path dir;

    private final CapturedCattle cattle = new CapturedCattle();

    private int cattle(String... args) {
        return cattle.run(args);
    }

    @Test
    @DisplayName("a followed chain reaches a replica through the log: canonical hashes, head, marker")
    void followedChainReachesAReplica() throws Exception {
        String log = "file:" + dir.resolve("log");
        try (ScriptedNode node = new ScriptedNode(3, false)) {
            assertThat(cattle("master", "--follow-rpc", node.url(), "--store", "rocksdb:" + dir.resolve("master"),
                    "--log", log, "--blocks", "3", "--heartbeat", "0s")).as("stderr: %s", cattle.err()).isZero();
            assertThat(cattle.out()).contains("following " + node.url()).contains("stopped after 3 blocks");

            assertThat(cattle("replica", "--store", "rocksdb:" + dir.resolve("replica"), "--log", log,
                    "--exit-when-caught-up")).as("stderr: %s", cattle.err()).isZero();
            try (Database replica = Stores.open("rocksdb:" + dir.resolve("replica"))) {
                for (long n = 0; n <= 3; n++) {
                    assertThat(Hex.data(replica.get(Schema.canonicalHash(n)))).isEqualTo(node.hash(n));
                }
                assertThat(Hex.data(replica.get(Schema.HEAD_BLOCK))).isEqualTo(node.hash(3));
                assertThat(FollowedStore.source(replica)).contains(node.url());
            }
        }
    }

    @Test
    @DisplayName("a master started again on its store resumes at the stored head")
    void resumes() throws Exception {
        String log = "file:" + dir.resolve("log");
        String store = "rocksdb:" + dir.resolve("master");
        try (ScriptedNode node = new ScriptedNode(4, false)) {
            assertThat(cattle("master", "--follow-rpc", node.url(), "--store", store, "--log", log, "--blocks", "2",
                    "--heartbeat", "0s")).as("stderr: %s", cattle.err()).isZero();
            assertThat(cattle("master", "--follow-rpc", node.url(), "--store", store, "--log", log, "--blocks", "2",
                    "--heartbeat", "0s")).as("stderr: %s", cattle.err()).isZero();
            assertThat(cattle.out()).contains("resuming after block 2");
            try (Database master = Stores.open(store)) {
                assertThat(Hex.data(master.get(Schema.HEAD_BLOCK))).isEqualTo(node.hash(4));
            }
        }
    }

    @Test
    @DisplayName("a node whose header does not hash to its block hash stops the master: one line naming block and "
            + "field, nothing written")
    void mismatchStops() throws Exception {
        try (ScriptedNode node = new ScriptedNode(2, true)) {
            int code = cattle("master", "--follow-rpc", node.url(), "--store", "rocksdb:" + dir.resolve("master"),
                    "--log", "file:" + dir.resolve("log"), "--blocks", "2", "--heartbeat", "0s");
            assertThat(code).isEqualTo(Cattle.EXIT_ERROR);
            assertThat(cattle.err().lines()).hasSize(1).first().asString().contains("block 0, field hash");
            try (Database master = Stores.open("rocksdb:" + dir.resolve("master"))) {
                assertThat(master.get(Schema.HEAD_BLOCK)).isNull();
            }
        }
    }

    @Test
    @DisplayName("--from without --follow-rpc is a usage error")
    void fromNeedsFollowRpc() {
        int code = cattle("master", "--from", "5", "--store", "rocksdb:" + dir.resolve("m"), "--log",
                "file:" + dir.resolve("log"), "--blocks", "1");
        assertThat(code).isNotZero();
        assertThat(cattle.err()).contains("--from needs --follow-rpc");
    }
}
