package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.core.master.Master;
import org.ethercattle.core.master.MasterDatabase;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica process served over HTTP: {@code /readyz} is 503 "syncing" while it replays the backlog and 200
 * once it has caught up; it turns 503 "stale" when the master stops (heartbeats stop) and 200 again when a
 * master returns. Max age 2 s, heartbeats every 200 ms; every wait is a hang guard, not a speed check.
 */
class ReplicaReadinessTest {

    private static final int BACKLOG_BLOCKS = 300;
    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private MasterDatabase startMaster(String storeSpec, String logSpec) {
        return Master.wrap(Stores.open(storeSpec), Logs.openProducer(logSpec), Codecs.get(Codecs.DEFAULT))
                .heartbeatEvery(HEARTBEAT).start();
    }

    @Test
    @DisplayName("readyz: 503 syncing during catch-up, 200 after; 503 stale when the master stops; 200 when it returns")
    void readinessFollowsCatchUpAndHeartbeats() throws Exception {
        String masterSpec = "rocksdb:" + dir.resolve("master");
        String logSpec = "file:" + dir.resolve("log");
        GethWorkload workload = new GethWorkload(7);
        MasterDatabase master = startMaster(masterSpec, logSpec);
        try {
            for (int i = 0; i < BACKLOG_BLOCKS; i++) {
                workload.writeNextBlock(master);
            }
            master.flush();

            CattleProcess replica = CattleProcess.start(dir.resolve("replica.out"), "replica",
                    "--store", "rocksdb:" + dir.resolve("replica"), "--log", logSpec,
                    "--http", "127.0.0.1:0", "--max-age", "2s", "--max-lag", "50", "--max-batch-bytes", "1m",
                    "--head-guard", "seen"); // geth data: the status then shows geth's heads
            started.add(replica.process());
            replica.awaitOutput("replica: serving http://", 60);
            HttpProbe http = new HttpProbe(HttpProbe.baseUrlIn(replica.output()));

            HttpProbe.Answer syncing = http.get("/readyz");
            assertThat(syncing.code()).as("first /readyz: %s", syncing).isEqualTo(503);
            assertThat(syncing.field("reason")).isEqualTo("syncing");
            assertThat(syncing.field("ready")).isEqualTo("false");
            assertThat(http.get("/healthz").code()).isEqualTo(200);

            HttpProbe.Answer ready = http.await("/readyz", a -> a.code() == 200, "caught up", 180);
            assertThat(ready.field("reason")).isEqualTo("ready");
            // The line is printed by the replay thread right after the commit that made it ready, so it
            // may reach the output a moment after /readyz turned 200: wait for it rather than race it.
            replica.awaitOutput("replica: caught up", 60);

            master.close(); // heartbeats stop
            HttpProbe.Answer stale = http.await("/readyz", a -> a.code() != 200, "stale after the master stopped", 120);
            assertThat(stale.code()).isEqualTo(503);
            assertThat(stale.field("reason")).as("%s", stale).isEqualTo("stale");

            master = startMaster(masterSpec, logSpec); // a master returns (a new producer)
            workload.writeNextBlock(master);
            http.await("/readyz", a -> a.code() == 200, "ready again after the master returned", 120);

            HttpProbe.Answer status = http.get("/status");
            assertThat(status.code()).isEqualTo(200);
            assertThat(status.body()).contains(master.producerId().toString())
                    .contains("\"LastBlock\":{\"value\":\"0x")
                    .contains("\"number\":" + BACKLOG_BLOCKS);
            HttpProbe.Answer metrics = http.get("/metrics");
            assertThat(metrics.body()).contains("cattle_replica_lag_records{", "cattle_replica_records_applied_total{",
                    "cattle_replica_batch_commit_seconds_count{", "cattle_replica_ready{",
                    "cattle_store_rocksdb_level0_files{", "cattle_store_rocksdb_compaction_paused{");
            assertThat(metrics.body()).as("the replica follows the log: not in bulk-load mode")
                    .containsPattern("(?m)^cattle_store_rocksdb_compaction_paused\\{[^}]*\\} 0\\.0$");

            replica.process().destroy(); // SIGTERM
            assertThat(replica.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(replica.output()).contains("replica: stopped at");
        } finally {
            master.close();
        }
    }
}
