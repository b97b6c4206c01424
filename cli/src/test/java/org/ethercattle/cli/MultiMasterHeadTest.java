package org.ethercattle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.record.ChangeRecord;
import org.ethercattle.api.record.Op;
import org.ethercattle.api.record.RecordDecoder;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.master.Master;
import org.ethercattle.core.master.MasterDatabase;
import org.ethercattle.core.status.ReadinessPolicy;
import org.ethercattle.ethereum.guard.GethChainHeads;
import org.ethercattle.ethereum.workload.GethKeys;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two masters write the same geth-shaped chain into one log, the second lagging the first by a random number
 * of blocks, so the log's head markers go back and forth. Two replicas follow the log (one with the
 * seen-value guard, one with the block-number guard) behind one load-balanced address: a tiny round-robin
 * HTTP proxy in front of their {@code /status}. A poller reads the head through the proxy 20+ times a
 * second and checks that no replica's head number ever goes down.
 *
 * <p>Why a proxy over {@code /status}: it is what a client behind a load balancer sees (each read may land on
 * either replica), while the proxy's {@code X-Backend} header still tells the test which replica answered,
 * which is what "within one replica" needs. Each {@code /status} read is a fresh read of the replica's store.
 */
class MultiMasterHeadTest {

    private static final long SEED = 42;
    private static final int BLOCKS = 100;
    private static final int LEADER_BLOCKS_PER_SECOND = 30;
    private static final int MAX_LAG_BLOCKS = 8;
    /** The poller's period: 25 reads a second when requests are fast enough, back to back when not. */
    private static final long POLL_EVERY_MILLIS = 40;
    /** Reads the poller makes at least, however long that takes, so the check never depends on speed. */
    private static final int MIN_READS = 200;

    @TempDir
    Path dir;

    @Test
    @DisplayName("two masters, one lagging by a random delay: a poller behind a round-robin address never sees a replica's head go down")
    void headsNeverGoBack() throws Exception {
        String logSpec = "file:" + dir.resolve("log");
        Logs.openProducer(logSpec).close();
        List<ReplicaService> replicas = new ArrayList<>();
        List<Thread> followers = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        HttpServer proxy = null;
        try (MasterDatabase leader = master("leader", logSpec); MasterDatabase lagging = master("lagging", logSpec)) {
            for (HeadGuardChoice guard : List.of(HeadGuardChoice.SEEN, HeadGuardChoice.NUMBERS)) {
                ReplicaService replica = ReplicaService.open(new ReplicaService.Settings(
                        "rocksdb:" + dir.resolve("replica-" + guard), logSpec, Codecs.get(Codecs.DEFAULT), 256L << 10,
                        guard.newGuard(), GethChainHeads.DEFAULT, ReadinessPolicy.DEFAULT,
                        new InetSocketAddress("127.0.0.1", 0)));
                replicas.add(replica);
                Thread follower = new Thread(() -> {
                    try {
                        replica.catchUp(null);
                        replica.follow();
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }, "follower-" + guard);
                follower.start();
                followers.add(follower);
            }
            proxy = roundRobin(replicas);
            HeadPoller poller = new HeadPoller("http://127.0.0.1:" + proxy.getAddress().getPort() + "/status");
            poller.start();

            AtomicLong leaderWrote = new AtomicLong(-1);
            Thread lagger = new Thread(() -> writeLagging(lagging, leaderWrote, failures), "lagging-master");
            lagger.start();
            writeLeader(leader, leaderWrote);
            phase("leader wrote " + BLOCKS + " blocks");
            lagger.join(TimeUnit.MINUTES.toMillis(5));
            assertThat(lagger.isAlive()).as("lagging master finished").isFalse();
            leader.flush();
            lagging.flush();

            phase("lagging master done");
            awaitHead(replicas, BLOCKS - 1);
            phase("replicas at the last head");
            poller.finishAfter(MIN_READS);
            phase("poller done");
            assertThat(failures).as("replica or master failures").isEmpty();

            assertThat(poller.readsPerBackend()).as("reads per replica").hasSize(2)
                    .allSatisfy((backend, reads) -> assertThat(reads).isGreaterThanOrEqualTo(MIN_READS / 2));
            assertThat(poller.decreases()).as("head decreases seen within one replica").isEmpty();
            assertThat(poller.distinctHeadsPerBackend().values()).as("the poller saw heads advance")
                    .allSatisfy(distinct -> assertThat(distinct).isGreaterThan(3));
            int regressions = headDecreasesInLog(logSpec);
            assertThat(regressions).as("head writes in the log that go back (the guard's work)").isPositive();
            System.out.printf("multi-master: %d reads through the proxy in %.1f s (%.0f/s; %s per replica, %d"
                    + " failed), %d head regressions in the log, none seen by a replica%n", poller.readsTotal.get(),
                    poller.seconds(), poller.readsTotal.get() / poller.seconds(), poller.readsPerBackend(),
                    poller.errors.get(), regressions);

            stop(replicas, followers);
            proxy.stop(0);
            proxy = null;
            phase("replicas stopped");
            byte[] leaderHead = leader.get(GethKeys.headMarker(GethKeys.LAST_BLOCK));
            for (HeadGuardChoice guard : List.of(HeadGuardChoice.SEEN, HeadGuardChoice.NUMBERS)) {
                try (Database replica = Stores.open("rocksdb:" + dir.resolve("replica-" + guard))) {
                    assertThat(replica.get(GethKeys.headMarker(GethKeys.LAST_BLOCK))).as(guard + " head")
                            .isEqualTo(leaderHead);
                    if (guard == HeadGuardChoice.NUMBERS) { // one full comparison is enough to show data converge
                        assertThat(Keyspace.firstDifference(leader, replica)).as(guard + " vs leader").isEmpty();
                    }
                }
            }
            phase("compared");
        } finally {
            if (proxy != null) {
                proxy.stop(0);
            }
            stop(replicas, followers);
        }
    }

    private final long started = System.nanoTime();

    private void phase(String what) {
        System.out.printf("multi-master: %.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private MasterDatabase master(String name, String logSpec) {
        return Master.wrap(Stores.open("rocksdb:" + dir.resolve(name)), Logs.openProducer(logSpec),
                Codecs.get(Codecs.DEFAULT)).heartbeatEvery(Duration.ofMillis(200)).start();
    }

    private static void writeLeader(MasterDatabase leader, AtomicLong wrote) throws InterruptedException {
        GethWorkload workload = new GethWorkload(SEED);
        long start = System.nanoTime();
        for (int n = 0; n < BLOCKS; n++) {
            workload.writeNextBlock(leader);
            wrote.set(n);
            long due = start + TimeUnit.SECONDS.toNanos(n + 1) / LEADER_BLOCKS_PER_SECOND;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    /** Writes block n once the leader has written block n + a random lag (or has finished). */
    private static void writeLagging(MasterDatabase lagging, AtomicLong leaderWrote, List<Throwable> failures) {
        try {
            Random random = new Random(SEED);
            GethWorkload workload = new GethWorkload(SEED);
            for (int n = 0; n < BLOCKS; n++) {
                long target = Math.min(BLOCKS - 1, n + 1 + random.nextInt(MAX_LAG_BLOCKS));
                while (leaderWrote.get() < target) {
                    Thread.sleep(2);
                }
                workload.writeNextBlock(lagging);
            }
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private static void awaitHead(List<ReplicaService> replicas, long number) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (ReplicaService replica : replicas) {
            while (true) {
                Long head = replica.monitor().status().heads().stream()
                        .filter(h -> h.name().equals(GethKeys.LAST_BLOCK)).findFirst().orElseThrow().blockNumber();
                boolean caughtUp = replica.monitor().readiness().lagRecords() == 0L;
                if (head != null && head == number && caughtUp) {
                    break;
                }
                assertThat(replica.stats().failed()).as("replay failed: %s", replica.stats().failure()).isFalse();
                assertThat(System.nanoTime()).as("replica reached head %d within 3 minutes", number)
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static void stop(List<ReplicaService> replicas, List<Thread> followers) throws InterruptedException {
        replicas.forEach(ReplicaService::stop);
        for (Thread t : followers) {
            t.join(TimeUnit.MINUTES.toMillis(1));
        }
        for (ReplicaService r : replicas) {
            r.close();
        }
        replicas.clear();
        followers.clear();
    }

    /** A load balancer in miniature: each request goes to the next replica; X-Backend says which one answered. */
    private static HttpServer roundRobin(List<ReplicaService> replicas) throws IOException {
        List<String> backends = replicas.stream()
                .map(r -> "http://127.0.0.1:" + r.httpAddress().orElseThrow().getPort()).toList();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> forward(exchange, client, backends, next));
        server.start();
        return server;
    }

    private static void forward(HttpExchange exchange, HttpClient client, List<String> backends, AtomicInteger next)
            throws IOException {
        try (exchange) {
            int backend = Math.floorMod(next.getAndIncrement(), backends.size());
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                    URI.create(backends.get(backend) + exchange.getRequestURI())).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().set("X-Backend", String.valueOf(backend));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        }
    }

    /** Reads LastBlock's number through the proxy every 40 ms and records each replica's sequence of heads. */
    private static final class HeadPoller extends Thread {
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI uri;
        private final long startNanos = System.nanoTime();
        private volatile long endNanos;
        private volatile int finishAfterReads = Integer.MAX_VALUE;
        private final Map<String, Long> lastHead = new ConcurrentHashMap<>();
        private final Map<String, Integer> reads = new ConcurrentHashMap<>();
        private final Map<String, java.util.Set<Long>> distinct = new ConcurrentHashMap<>();
        private final List<String> decreases = new CopyOnWriteArrayList<>();
        private final AtomicLong readsTotal = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();

        HeadPoller(String url) {
            super("head-poller");
            this.uri = URI.create(url);
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            while (readsTotal.get() < finishAfterReads) {
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    String backend = response.headers().firstValue("X-Backend").orElse("?");
                    String number = new HttpProbe.Answer(response.statusCode(), lastBlockOf(response.body()))
                            .field("number");
                    readsTotal.incrementAndGet();
                    reads.merge(backend, 1, Integer::sum);
                    if (number != null && !number.equals("null")) {
                        long head = Long.parseLong(number);
                        distinct.computeIfAbsent(backend, b -> ConcurrentHashMap.newKeySet()).add(head);
                        Long previous = lastHead.put(backend, head);
                        if (previous != null && head < previous) {
                            decreases.add("replica " + backend + ": " + previous + " -> " + head);
                        }
                    }
                    next += TimeUnit.MILLISECONDS.toNanos(POLL_EVERY_MILLIS);
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } else {
                        next = System.nanoTime(); // behind: read back to back, do not burst to catch up
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private static String lastBlockOf(String body) {
            int at = body.indexOf("\"LastBlock\":");
            return at < 0 ? "" : body.substring(at, body.indexOf('}', at) + 1);
        }

        /** Lets the poller stop once it has made {@code reads} reads in all, and waits for it. */
        void finishAfter(int reads) throws InterruptedException {
            finishAfterReads = reads;
            join(TimeUnit.MINUTES.toMillis(3));
            assertThat(isAlive()).as("poller finished its reads").isFalse();
            endNanos = System.nanoTime();
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        Map<String, Integer> readsPerBackend() {
            return new HashMap<>(reads);
        }

        Map<String, Integer> distinctHeadsPerBackend() {
            Map<String, Integer> out = new HashMap<>();
            distinct.forEach((b, s) -> out.put(b, s.size()));
            return out;
        }

        List<String> decreases() {
            return decreases;
        }
    }

    /** How many times, in log order, a LastBlock put points at a lower block than the previous one. */
    private static int headDecreasesInLog(String logSpec) {
        byte[] lastBlock = GethKeys.headMarker(GethKeys.LAST_BLOCK);
        Map<String, Long> numbers = new HashMap<>();
        long head = -1;
        int decreases = 0;
        try (LogConsumer log = Logs.openConsumer(logSpec)) {
            RecordDecoder decoder = Codecs.get(Codecs.DEFAULT).newDecoder(null, 64L << 20);
            // Read up to the end seen now: the masters' heartbeats keep the log growing.
            org.ethercattle.api.log.Position end = log.endPosition().orElseThrow();
            boolean atEnd = false;
            while (!atEnd) {
                for (LogEntry entry : log.poll(Duration.ofMillis(200))) {
                    atEnd |= entry.position().compareTo(end) >= 0;
                    for (ChangeRecord record : decoder.decode(entry)) {
                        for (Op op : record.ops()) {
                            byte[] key = op.key();
                            if (op.type() == Op.Type.PUT && key.length == 33 && key[0] == 'H') {
                                numbers.put(Arrays.toString(Arrays.copyOfRange(key, 1, 33)),
                                        java.nio.ByteBuffer.wrap(op.value()).getLong());
                            } else if (op.type() == Op.Type.PUT && Arrays.equals(key, lastBlock)) {
                                long number = numbers.get(Arrays.toString(op.value()));
                                if (number < head) {
                                    decreases++;
                                }
                                head = number;
                            }
                        }
                    }
                }
            }
        }
        return decreases;
    }
}
