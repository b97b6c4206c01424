package org.ethercattle.cli;

import static org.ethercattle.cli.ConsoleLines.say;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.master.Master;
import org.ethercattle.core.master.MasterDatabase;
import org.ethercattle.core.replay.ReplayStats;
import org.ethercattle.ethereum.workload.GethWorkload;
import org.ethercattle.adapter.support.Directories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cattle demo}: one process plays a master and its replicas. The master (RocksDB) is wrapped in
 * change capture and writes geth-shaped blocks through a file log; each replica (RocksDB) replays that log
 * on its own thread while the master writes. When the master is done and the replicas have caught up, each
 * replica's keyspace is compared with the master's, key by key.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "demo",
        description = {
            "Run a master and replicas in one process and check they end equal.",
            "The master (RocksDB) writes geth-shaped blocks through a file log while the replicas (RocksDB)"
                    + " replay it concurrently; then each replica's keyspace is compared with the master's, key by"
                    + " key. Exits 0 when every replica matches, 1 otherwise."
        })
final class DemoCommand implements Callable<Integer> {

    /** Much more often than a real master's default, so the demo's replicas see an idle master within a second. */
    private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(1);

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the stores and the log go (its master/, log/ and replica-N/ are wiped first);"
                    + " default: a fresh temporary directory, deleted afterwards")
    Path dir;

    @Option(names = "--blocks", defaultValue = "2000", paramLabel = "N",
            description = "Blocks the master writes, ~100 KiB each (default: ${DEFAULT-VALUE})")
    int blocks;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the workload; the same seed writes the same data (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--replicas", defaultValue = "2", paramLabel = "R",
            description = "Number of replicas (default: ${DEFAULT-VALUE})")
    int replicaCount;

    @Option(names = "--log", paramLabel = "SPEC",
            description = "The log between master and replicas (default: file:DIR/log)")
    String logSpec;

    @Option(names = "--keep", description = "Keep the temporary directory (ignored with --dir, which is always kept)")
    boolean keep;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        if (blocks < 1 || replicaCount < 1) {
            throw new ParameterException(spec.commandLine(), "--blocks and --replicas must be at least 1");
        }
        boolean temporary = dir == null;
        Path root = temporary ? createTempDir() : prepare(dir);
        boolean allEqual;
        try {
            allEqual = runDemo(root);
        } finally {
            if (temporary && !keep) {
                deleteRecursively(root);
            }
        }
        return allEqual ? 0 : Cattle.EXIT_MISMATCH;
    }

    private boolean runDemo(Path root) {
        String masterSpec = "rocksdb:" + root.resolve("master");
        String logSpec = this.logSpec != null ? this.logSpec : "file:" + root.resolve("log");
        say(out, "cattle demo in " + root + ": master " + masterSpec + " -> log "
                + org.ethercattle.api.spi.Spec.redact(logSpec) + " -> " + replicaCount
                + " replica(s); " + blocks + " geth-shaped blocks of ~100 KiB, seed " + seed);
        List<DemoReplica> replicas = new ArrayList<>();
        try (MasterDatabase master = openMaster(masterSpec, logSpec)) {
            for (int i = 1; i <= replicaCount; i++) {
                replicas.add(new DemoReplica("replica-" + i, "rocksdb:" + root.resolve("replica-" + i), logSpec));
            }
            replicas.forEach(DemoReplica::start);
            DemoProgress progress = new DemoProgress(out, blocks, replicas);
            writeBlocks(master, progress);
            master.flush();
            replicas.forEach(DemoReplica::masterDone);
            waitForReplicas(replicas, progress);
            return compare(master, replicas);
        } finally {
            for (DemoReplica replica : replicas) {
                replica.close();
            }
        }
    }

    private static MasterDatabase openMaster(String storeSpec, String logSpec) {
        Database store = Stores.open(storeSpec);
        try {
            return Master.wrap(store, Logs.openProducer(logSpec), Codecs.get(Codecs.DEFAULT))
                    .heartbeatEvery(HEARTBEAT_EVERY)
                    .start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void writeBlocks(Database master, DemoProgress progress) {
        GethWorkload workload = new GethWorkload(seed);
        for (int i = 0; i < blocks; i++) {
            progress.masterWrote(workload.writeNextBlock(master).byteSize());
            progress.printIfDue(System.currentTimeMillis());
        }
        progress.masterFinished();
    }

    private void waitForReplicas(List<DemoReplica> replicas, DemoProgress progress) {
        try {
            for (DemoReplica replica : replicas) {
                while (!replica.join(DemoProgress.EVERY_MILLIS / 4)) {
                    progress.printIfDue(System.currentTimeMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replicas to catch up", e);
        }
        progress.print(System.currentTimeMillis());
    }

    private boolean compare(Database master, List<DemoReplica> replicas) {
        long keys = Keyspace.countUserKeys(master);
        say(out, "master: " + keys + " keys");
        boolean allEqual = true;
        for (DemoReplica replica : replicas) {
            ReplayStats stats = replica.stats();
            if (replica.failure() != null) {
                allEqual = false;
                say(out, replica.name() + ": FAILED: " + OneLineErrors.describe(replica.failure()));
                continue;
            }
            Optional<String> difference = replica.firstDifferenceFrom(master);
            if (difference.isEmpty()) {
                say(out, replica.name() + ": keyspace equals the master's (" + stats.recordsApplied() + " records, "
                        + stats.opsApplied() + " ops applied, at " + stats.lastPosition() + ")");
            } else {
                allEqual = false;
                say(out, replica.name() + ": keyspace DIFFERS from the master's: " + difference.get());
            }
        }
        if (!allEqual) {
            say(out, "FAILED: not every replica equals the master");
        } else {
            say(out, replicas.size() == 1 ? "OK: the replica equals the master"
                    : "OK: all " + replicas.size() + " replicas equal the master");
        }
        return allEqual;
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("cattle-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the demo; pass --dir", e);
        }
    }

    /** Creates {@code dir} if needed and wipes only what an earlier demo left there. */
    private Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    String name = child.getFileName().toString();
                    if (name.equals("master") || name.equals("log") || name.matches("replica-\\d+")) {
                        deleteRecursively(child);
                    }
                }
            }
            return dir.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare demo directory " + dir + ": " + e.getMessage()
                    + "; pass a writable --dir", e);
        }
    }

    private static void deleteRecursively(Path path) {
        try {
            Directories.deleteRecursively(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }
}
