package org.ethercattle.cli;

import static org.ethercattle.cli.ConsoleLines.say;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code cattle copy --from SPEC --to SPEC}: copies every key of one store into another of any kind, the
 * replica's checkpoint included, so a replica can move from e.g. RocksDB to LMDB and resume from the log
 * where the source left off.
 *
 * <p>The source is opened read-only and read through one cursor (one consistent view). The target must be
 * empty unless {@code --force}, which empties it first. User keys go in large batches; Cattle's reserved
 * keys (checkpoint, head-guard memory) go last, so an interrupted copy holds no checkpoint. At the end the
 * copy is compared with the source (user keys through {@code Keyspace}, reserved keys read back) unless
 * {@code --no-verify}; a difference is an error.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "copy",
        description = {
            "Copy every key of a store into another store, of the same or another kind, checkpoint included.",
            "Copy from a store nobody writes meanwhile: a stopped replica or a checkpoint."
        })
final class CopyCommand implements Runnable {

    /** How often a long copy prints where it is. */
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    @Option(names = "--from", required = true, paramLabel = "SPEC",
            description = "The store to copy, opened read-only, e.g. rocksdb:/var/lib/cattle/replica")
    String fromSpec;

    @Option(names = "--to", required = true, paramLabel = "SPEC",
            description = "The store to write, created when missing, e.g. lmdb:/var/lib/cattle/replica-lmdb?mapSize=64g")
    String toSpec;

    @Option(names = "--force",
            description = "Copy into a target that already holds keys, deleting them first (its checkpoint first).")
    boolean force;

    @Option(names = "--no-verify",
            description = "Skip comparing the copy with the source at the end (a second full read of both).")
    boolean noVerify;

    @Option(names = "--batch-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            defaultValue = "32m",
            description = "Bytes of keys and values written to the target in one batch (default: ${DEFAULT-VALUE}).")
    long batchBytes;

    @Option(names = "--no-verify-source",
            description = "Skip checking the source for damage (cattle verify) before copying it.")
    boolean noVerifySource;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Spec from = Spec.parse(fromSpec);
        Spec to = Spec.parse(toSpec);
        StoreDirectories.refuseOverlap("--from", from, "--to", to);
        if (!noVerifySource) {
            VerifyCommand.requireSound(fromSpec, out, "copy");
        }
        long started = System.nanoTime();
        try (Database source = Stores.open(fromSpec, OpenMode.READ_ONLY);
                Database target = Stores.open(toSpec)) {
            prepareTarget(target, to, out);
            say(out, "copy: " + from + " -> " + to);
            StoreCopy copy = new StoreCopy(source, target, batchBytes);
            long[] lastReport = {started};
            StoreCopy.Result result = copy.run((keys, bytes) -> {
                long now = System.nanoTime();
                if (now - lastReport[0] >= PROGRESS_NANOS) {
                    lastReport[0] = now;
                    say(out, "copy: " + keys + " keys, " + mib(bytes) + " so far");
                }
            });
            say(out, String.format(Locale.ROOT,
                    "copy: copied %d keys (%d user, %d reserved), %s in %d batches, in %.1f s",
                    result.keys(), result.userKeys(), result.reservedKeys(), mib(result.bytes()), result.batches(),
                    (System.nanoTime() - started) / 1e9));
            if (noVerify) {
                say(out, "copy: not verified (--no-verify)");
                return;
            }
            Optional<String> difference = copy.firstDifference();
            if (difference.isPresent()) {
                throw StoreCopy.mismatch(from.toString(), to.toString(), difference.get());
            }
            say(out, "copy: verified: the target holds exactly the source's " + result.keys() + " keys");
        }
    }

    private void prepareTarget(Database target, Spec to, PrintWriter out) {
        if (StoreCopy.isEmpty(target)) {
            return;
        }
        if (!force) {
            throw new StoreException("target store " + to + " is not empty; copy into a new path, or add --force"
                    + " to delete everything it holds first");
        }
        long deleted = StoreCopy.clear(target, batchBytes);
        say(out, "copy: --force: deleted " + deleted + " keys from " + to);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
