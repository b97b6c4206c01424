package org.ethercattle.benchmarks.rpc;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.benchmarks.ScratchStore;
import org.ethercattle.core.master.Master;
import org.ethercattle.core.master.MasterDatabase;
import org.ethercattle.ethereum.anvil.Anvil;
import org.ethercattle.ethereum.follow.FollowStep;
import org.ethercattle.ethereum.follow.NodeBlocks;
import org.ethercattle.ethereum.follow.NodeClient;
import org.ethercattle.ethereum.follow.NodeFollower;
import org.ethercattle.ethereum.follow.RequestRate;
import org.ethercattle.ethereum.follow.RetryPolicy;
import org.ethercattle.ethereum.types.Hex;

/**
 * How fast {@code cattle master --follow-rpc} copies a node's chain, against how fast the node answers the requests
 * that copy needs. Three figures over the same blocks of one Anvil chain, each the median of {@code runs}:
 *
 * <ul>
 *   <li><b>node only</b>: the follower's requests per block (the block's JSON, its raw transactions in one batch,
 *       its receipts) sent with the follower's own client, answers not looked at: the node's ceiling.</li>
 *   <li><b>fetched and checked</b>: {@link NodeBlocks#block}, which also decodes every part and checks it against
 *       the header (hash, transactions and receipts roots): the follower without writing.</li>
 *   <li><b>followed</b>: {@link NodeFollower} from an empty store to caught up, through a capturing master over
 *       RocksDB into a file log, one atomic batch per block: what the command does.</li>
 * </ul>
 * The first two read {@link NodeFollower#READ_AHEAD} blocks at a time, as the follower does. The request rate is
 * unbounded here (the command's default bound is 25 requests a second, about 8 blocks).
 */
final class FollowRun {

    /** The three rates, blocks a second, one figure per run. */
    record Figures(long blocks, int transactionsPerBlock, List<Double> nodeOnly, List<Double> checked,
            List<Double> followed) {}

    private FollowRun() {}

    /** Measures over blocks 1 to the head of {@code node}, which holds {@code transactionsPerBlock} per block. */
    static Figures measure(Anvil node, int transactionsPerBlock, int runs) {
        NodeClient client = new NodeClient(URI.create(node.url()), RequestRate.unbounded(), RetryPolicy.FOLLOWER);
        long head = new NodeBlocks(client).headNumber();
        List<Double> nodeOnly = new ArrayList<>();
        List<Double> checked = new ArrayList<>();
        List<Double> followed = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            nodeOnly.add(rate(head, () -> inWindow(head, n -> fetchOnly(client, n))));
            NodeBlocks blocks = new NodeBlocks(client);
            checked.add(rate(head, () -> inWindow(head, blocks::block)));
            followed.add(follow(node, head));
        }
        return new Figures(head, transactionsPerBlock, nodeOnly, checked, followed);
    }

    /**
     * Reads blocks 1 to {@code head} with {@link NodeFollower#READ_AHEAD} in flight at a time, as the follower
     * reads them, and waits for all.
     */
    private static void inWindow(long head, LongConsumer read) {
        ExecutorService readers = Executors.newFixedThreadPool(NodeFollower.READ_AHEAD);
        try {
            Deque<Future<?>> inFlight = new ArrayDeque<>();
            for (long n = 1; n <= head; n++) {
                long number = n;
                if (inFlight.size() == NodeFollower.READ_AHEAD) {
                    inFlight.removeFirst().get();
                }
                inFlight.addLast(readers.submit(() -> read.accept(number)));
            }
            for (Future<?> f : inFlight) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading a block failed", e.getCause());
        } finally {
            readers.shutdownNow();
        }
    }

    /** The requests {@link NodeBlocks#block} sends for block {@code n}, without decoding or checking the answers. */
    private static void fetchOnly(NodeClient client, long n) {
        var json = client.call("eth_getBlockByNumber", Hex.quantity(n), false);
        String hash = json.path("hash").asText();
        int count = json.path("transactions").size();
        List<List<Object>> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            calls.add(List.of(hash, Hex.quantity(i)));
        }
        if (count > 0) {
            client.callEach("eth_getRawTransactionByBlockHashAndIndex", calls);
        }
        client.call("eth_getBlockReceipts", hash);
    }

    /** Follows the whole chain into a fresh master; blocks a second from the first step to the log's flush. */
    private static double follow(Anvil node, long head) {
        Path dir = ScratchStore.newDirectory("follow");
        try {
            String log = "file:" + dir.resolve("log");
            try (MasterDatabase master = Master.wrap(Stores.open("rocksdb:" + dir.resolve("master")),
                    Logs.openProducer(log), Codecs.get(Codecs.DEFAULT)).heartbeatEvery(Duration.ZERO).start()) {
                NodeFollower follower = new NodeFollower(master, new NodeBlocks(new NodeClient(URI.create(node.url()),
                        RequestRate.unbounded(), RetryPolicy.FOLLOWER)), 0, node.url());
                return rate(head, () -> {
                    FollowStep step;
                    do {
                        step = follower.step();
                    } while (!step.caughtUp());
                    master.flush();
                    if (step.head() != head) {
                        throw new IllegalStateException("followed to block " + step.head() + ", the node's head is "
                                + head);
                    }
                });
            }
        } finally {
            ScratchStore.delete(dir);
        }
    }

    private static double rate(long blocks, Runnable work) {
        long start = System.nanoTime();
        work.run();
        return blocks / ((System.nanoTime() - start) / 1e9);
    }
}
