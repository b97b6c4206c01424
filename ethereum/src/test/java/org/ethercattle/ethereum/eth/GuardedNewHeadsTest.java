package org.ethercattle.ethereum.eth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.replay.HeadGuard;
import org.ethercattle.core.master.Master;
import org.ethercattle.core.master.MasterDatabase;
import org.ethercattle.core.memory.MemoryDatabase;
import org.ethercattle.core.memory.MemoryLog;
import org.ethercattle.core.replay.Replayer;
import org.ethercattle.ethereum.guard.BlockNumberGuard;
import org.ethercattle.ethereum.guard.GethHeadKeys;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.rpc.CorsPolicy;
import org.ethercattle.ethereum.rpc.RpcLimits;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.rpc.RpcServer;
import org.ethercattle.ethereum.rpc.VirtualHosts;
import org.ethercattle.ethereum.rpc.WebSocketOptions;
import org.ethercattle.ethereum.rpc.WsClient;
import org.ethercattle.ethereum.testchain.ImportedTestChain;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newHeads subscriber of a replica sees when two masters write one chain into one log, the second lagging
 * the first, so that the log's head markers go back and forth (the Ether Cattle multi-master set-up). The replica
 * replays the log through the real {@link Replayer} into RocksDB and serves {@code eth_subscribe} over a real
 * WebSocket.
 *
 * <p>Why the replay is stepped by hand: the replayer is handed one log entry per poll and commits every record on its
 * own ({@code maxBatchBytes(1)}), and the head watcher checks the store after each step, so every head the store ever holds is one the watcher sees.
 * A replica left to run does the same with less certainty (a batch may hold a lagging head and the next leading
 * one, and the watcher polls); stepping makes the check exhaustive instead of lucky. The same run without a guard is
 * the control: it shows the lagging heads reach a subscriber when nothing holds them back, so the guarded run's
 * clean sequence is the guard's work and not the test's blindness.
 */
class GuardedNewHeadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Codec CODEC = Codecs.get(Codecs.DEFAULT);
    private static final int BLOCKS = 60;
    private static final int MAX_LAG_BLOCKS = 6;
    private static final long SEED = 7;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final String logName = "guarded-new-heads-" + System.nanoTime();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        MemoryLog.discard(logName);
    }

    @Test
    @DisplayName("with the block-number guard, a lagging master's heads are never announced: each block once, numbers"
            + " only going up")
    void guardedHeadsNeverGoBack() throws Exception {
        Run run = replay(new BlockNumberGuard(GethHeadKeys.DEFAULT));
        assertThat(run.regressionsWritten).as("head writes in the log that point back (the guard's work)")
                .isGreaterThan(BLOCKS / 4);
        assertThat(run.announced).as("hashes announced over newHeads")
                .containsExactlyElementsOf(run.blocks.stream().map(b -> Hex.data(b.hash())).toList());
        assertThat(run.numbers).as("numbers announced").isSorted().doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("control: without a guard the same log makes a subscriber see numbers go back")
    void unguardedHeadsDoGoBack() throws Exception {
        Run run = replay(HeadGuard.none());
        assertThat(run.announced).as("blocks announced again after a lagging head was applied")
                .hasSizeGreaterThan(run.blocks.size());
        List<Long> backwards = new ArrayList<>();
        for (int i = 1; i < run.numbers.size(); i++) {
            if (run.numbers.get(i) <= run.numbers.get(i - 1)) {
                backwards.add(run.numbers.get(i));
            }
        }
        assertThat(backwards).as("numbers not above the one before").isNotEmpty();
    }

    /** What one run wrote and what its subscriber saw. */
    private record Run(List<Block> blocks, int regressionsWritten, List<String> announced, List<Long> numbers) {}

    /**
     * Writes the chain through a leading and a lagging master, then replays the log with {@code guard} into a replica
     * that serves newHeads, and collects what one subscriber receives up to the last block.
     */
    private Run replay(HeadGuard guard) throws Exception {
        MemoryLog log = MemoryLog.open(logName);
        Database replicaStore = ImportedTestChain.importInto(dir.resolve("replica"));
        open.add(replicaStore);
        Header base = new ChainReader(replicaStore, null).headMarker(Schema.HEAD_BLOCK).orElseThrow();

        RpcMethods methods = EthereumApi.methods(replicaStore, null);
        // The timer never fires within a test; the replay loop below checks after every commit.
        HeadWatcher watcher = EthereumApi.subscriptions(methods, replicaStore, null, Duration.ofHours(1),
                LogMethods.LogLimits.DEFAULTS);
        open.add(watcher);
        RpcServer server = RpcServer.start("127.0.0.1", 0, methods, RpcLimits.GETH_DEFAULTS, CorsPolicy.DISABLED,
                VirtualHosts.GETH_DEFAULT, WebSocketOptions.GETH_DEFAULTS);
        open.add(server);
        WsClient ws = WsClient.connect(server.port());
        open.add(ws);
        JsonNode subscribed = JSON.readTree(ws.call(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}"));
        String subscription = subscribed.get("result").asText();

        List<Block> blocks = new ArrayList<>();
        int regressions = writeTwoMasters(log, base, blocks);

        try (LogConsumer consumer = new OneEntryPerPoll(log.newConsumer());
                Replayer replayer = Replayer.builder(replicaStore, consumer).codec(CODEC).headGuard(guard)
                        .maxBatchBytes(1).pollTimeout(Duration.ofMillis(5)).build()) {
            int idleSteps = 0;
            while (idleSteps < 3) {
                idleSteps = replayer.step() == 0 ? idleSteps + 1 : 0;
                watcher.check();
            }
        }

        // The watcher hands each notification to the connection's outbound queue before check() returns, and a
        // call's answer queues behind them: everything announced arrives before this answer.
        ws.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_blockNumber\"}");
        List<String> announced = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        for (JsonNode n = JSON.readTree(ws.next()); !n.has("id"); n = JSON.readTree(ws.next())) {
            assertThat(n.get("params").get("subscription").asText()).isEqualTo(subscription);
            JsonNode header = n.get("params").get("result");
            announced.add(header.get("hash").asText());
            numbers.add(Long.decode(header.get("number").asText()));
        }
        return new Run(blocks, regressions, announced, numbers);
    }

    /**
     * The leader writes each block and points its head at it; after each, the lagging master catches up to a random
     * distance behind, writing the same blocks and heads, so its head writes point back below the leader's. Both end
     * on the last block. Returns how many of the lagging master's head writes pointed below the leader's head.
     */
    private int writeTwoMasters(MemoryLog log, Header base, List<Block> blocks) {
        Random random = new Random(SEED);
        int regressions = 0;
        try (MasterDatabase leader = master(log); MasterDatabase lagging = master(log)) {
            CraftedChain chain = new CraftedChain(leader);
            Header parent = base;
            int laggingWrote = 0;
            for (int n = 0; n < BLOCKS; n++) {
                Block block = chain.child(parent, "block-" + n, List.of());
                chain.head(block);
                leader.flush();
                blocks.add(block);
                parent = block.header();
                int target = n == BLOCKS - 1 ? BLOCKS : Math.max(laggingWrote, n + 1 - random.nextInt(MAX_LAG_BLOCKS));
                for (; laggingWrote < target; laggingWrote++) {
                    Block behind = blocks.get(laggingWrote);
                    chain.copyTo(lagging, behind);
                    CraftedChain.head(lagging, behind);
                    lagging.flush();
                    if (laggingWrote < n) {
                        regressions++;
                    }
                }
            }
        }
        return regressions;
    }

    private static MasterDatabase master(MemoryLog log) {
        return Master.wrap(MemoryDatabase.open(), log.newProducer(), CODEC).start();
    }

    /** Hands the replayer one entry per poll, so each of its steps applies exactly one entry. */
    private static final class OneEntryPerPoll implements LogConsumer {
        private final LogConsumer log;
        private final Deque<LogEntry> polled = new ArrayDeque<>();

        OneEntryPerPoll(LogConsumer log) {
            this.log = log;
        }

        @Override
        public List<LogEntry> poll(Duration timeout) {
            if (polled.isEmpty()) {
                polled.addAll(log.poll(timeout));
            }
            return polled.isEmpty() ? List.of() : List.of(polled.removeFirst());
        }

        @Override
        public void seek(Position position) {
            polled.clear();
            log.seek(position);
        }

        @Override
        public void seekToStart() {
            polled.clear();
            log.seekToStart();
        }

        @Override
        public String streamId() {
            return log.streamId();
        }

        @Override
        public Optional<Position> endPosition() {
            return log.endPosition();
        }

        @Override
        public Optional<Position> startPosition() {
            return log.startPosition();
        }

        @Override
        public Position positionFromBytes(byte[] bytes) {
            return log.positionFromBytes(bytes);
        }

        @Override
        public OptionalLong entriesBetween(Position from, Position to) {
            return log.entriesBetween(from, to);
        }

        @Override
        public Optional<Position> positionAt(long offset) {
            return log.positionAt(offset);
        }

        @Override
        public void close() {
            log.close();
        }
    }
}
