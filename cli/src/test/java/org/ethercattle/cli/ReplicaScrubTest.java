package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.replay.ChainHeads;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.capture.CapturingDatabase;
import org.ethercattle.core.status.ReadinessPolicy;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.ethercattle.tck.VerifiableTck;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cattle replica --scrub-every}: the replica checks its open store in the background ({@link StoreScrub}),
 * reports each pass in its metrics, and stops being ready, naming the damaged file, when a pass finds damage.
 * The interval is 200 ms so that the passes come while the test waits.
 *
 * <p>The tests wait for what the scrub does without bounds of their own; JUnit's timeout ends one whose scrub
 * never gets there.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReplicaScrubTest {

    private static final Duration EVERY = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private String logSpec;
    private String storeSpec;

    @BeforeEach
    void log() {
        logSpec = "file:" + dir.resolve("log");
        Logs.openProducer(logSpec).close();
    }

    /** A store of {@code kind} under {@code dir/db}, filled with 20,000 entries and closed. */
    private void filledStore(String kind) {
        storeSpec = switch (kind) {
            case "rocksdb" -> "rocksdb:" + dir.resolve("db") + "?compression=none&wal=false";
            case "leveldb" -> "leveldb:" + dir.resolve("db") + "?compression=none&writeBufferSize=64k";
            case "lmdb" -> "lmdb:" + dir.resolve("db");
            default -> throw new IllegalArgumentException(kind);
        };
        VerifyCommandTest.fill(storeSpec, false);
    }

    private ReplicaService open() {
        return ReplicaService.open(new ReplicaService.Settings(storeSpec, logSpec, Codecs.get(Codecs.DEFAULT), null,
                HeadGuard.none(), ChainHeads.none(), ReadinessPolicy.DEFAULT, new InetSocketAddress("127.0.0.1", 0))
                .withScrubEvery(EVERY));
    }

    private static HttpProbe http(ReplicaService replica) {
        InetSocketAddress a = replica.httpAddress().orElseThrow();
        return new HttpProbe("http://" + a.getHostString() + ":" + a.getPort());
    }

    /** The value of the gauge {@code name} in a Prometheus scrape. */
    private static double gauge(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("%s in%n%s", name, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /**
     * The nice value of this JVM's thread named {@code cattle-scrub}, from {@code /proc/self/task/TID/stat}
     * (field 19); skips the test where that cannot be read or {@code renice} is missing.
     */
    private static int scrubThreadNiceness() throws IOException {
        Path tasks = Path.of("/proc/self/task");
        Assumptions.assumeTrue(Files.isDirectory(tasks), "no /proc/self/task (not Linux)");
        Assumptions.assumeTrue(Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "renice"))), "no renice on the PATH");
        try (Stream<Path> all = Files.list(tasks)) {
            for (Path task : all.toList()) {
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).strip();
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                if (comm.equals("cattle-scrub")) {
                    String stat = Files.readString(task.resolve("stat"));
                    // after "pid (comm) ": state is field 3, nice field 19
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return Integer.parseInt(fields[19 - 3]);
                }
            }
        }
        throw new AssertionError("no thread named cattle-scrub in " + tasks);
    }

    @Test
    @DisplayName("before a first pass the scrub metrics say none finished: NaN time and duration, damage 0")
    void metricsBeforeAPass() {
        String scrape = new ReplicaMetrics("s").scrape();
        assertThat(gauge(scrape, "cattle_replica_scrub_last_finished_seconds")).isNaN();
        assertThat(gauge(scrape, "cattle_replica_scrub_duration_seconds")).isNaN();
        assertThat(gauge(scrape, "cattle_replica_scrub_damage")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rocksdb", "leveldb", "lmdb"})
    @DisplayName("a sound store scrubbed while replay writes into it: passes finish, no damage (LMDB's unchecked"
            + " values are none), readiness untouched, the scrub thread at nice 19")
    void soundStoreScrubbedBesideReplay(String kind) throws Exception {
        filledStore(kind);
        try (ReplicaService replica = open()) {
            HttpProbe http = http(replica);
            Thread replay = new Thread(() -> {
                replica.catchUp(null);
                replica.follow();
            }, "test-replay");
            replay.start();
            double first;
            try (CapturingDatabase master = new CapturingDatabase(Stores.open("rocksdb:" + dir.resolve("master")),
                    Logs.openProducer(logSpec), Codecs.get(Codecs.DEFAULT))) {
                GethWorkload workload = new GethWorkload(7);
                // a first scrub pass
                first = gauge(http.awaitUntil("/metrics",
                        a -> !Double.isNaN(gauge(a.body(), "cattle_replica_scrub_last_finished_seconds"))).body(),
                        "cattle_replica_scrub_last_finished_seconds");
                // later passes run while blocks are replayed into the store
                for (int i = 0; i < 200; i++) {
                    workload.writeNextBlock(master);
                    if (i % 20 == 19) {
                        master.flush();
                    }
                }
                master.flush();
                // a later scrub pass, and replay applying records
                HttpProbe.Answer later = http.awaitUntil("/metrics",
                        a -> gauge(a.body(), "cattle_replica_scrub_last_finished_seconds") > first
                                && replica.stats().recordsApplied() > 0);
                assertThat(gauge(later.body(), "cattle_replica_scrub_damage")).isZero();
                assertThat(gauge(later.body(), "cattle_replica_scrub_duration_seconds")).as("a pass records its duration")
                        .isNotNaN();
                assertThat(scrubThreadNiceness()).as("nice value of the cattle-scrub thread").isEqualTo(StoreScrub.NICENESS);
            } finally {
                replica.stop();
                replay.join();
            }
            assertThat(replica.stats().failed()).as("replay beside the scrub").isFalse();
            assertThat(replica.monitor().readiness().readiness().reason()).isNotEqualTo("store-damaged");
        }
    }

    @Test
    @DisplayName("a store damaged in a table file replay does not touch: /readyz 503 store-damaged naming the file,"
            + " damage metric 1")
    void damagedStoreTurnsReadinessFalse() throws Exception {
        filledStore("rocksdb");
        // no running marker, so the start does not verify (it would refuse to open): only the scrub finds it
        Path table = VerifiableTck.flipBytesInLargestFile(dir.resolve("db"), ".sst");
        try (ReplicaService replica = open()) {
            HttpProbe http = http(replica);

            HttpProbe.Answer ready = http.awaitUntil("/readyz", a -> "store-damaged".equals(a.field("reason")));
            assertThat(ready.code()).isEqualTo(503);
            assertThat(ready.field("ready")).isEqualTo("false");
            assertThat(ready.body()).contains(table.toString()).contains("restore it from a snapshot");
            HttpProbe.Answer status = http.get("/status");
            assertThat(status.field("reason")).isEqualTo("store-damaged");
            assertThat(status.body()).contains(table.toString());
            String metrics = http.get("/metrics").body();
            assertThat(gauge(metrics, "cattle_replica_scrub_damage")).isEqualTo(1.0);
            assertThat(gauge(metrics, "cattle_replica_scrub_last_finished_seconds")).isNotNaN();
            assertThat(metrics).containsPattern("cattle_replica_readiness\\{reason=\"store-damaged\"[^}]*} 1\\.0");
        }
    }
}
