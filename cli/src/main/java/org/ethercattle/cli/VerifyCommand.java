package org.ethercattle.cli;

import java.io.PrintWriter;
import org.ethercattle.api.Database;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.Stores;
import org.ethercattle.api.VerifyReport;
import org.ethercattle.api.VerifyReport.Finding;
import org.ethercattle.api.VerifyReport.Kind;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.core.verify.StoreVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code cattle verify --store SPEC}: reads the whole store once with its own checksums on (RocksDB's
 * {@code VerifyChecksum}, a checksummed full read of LevelDB, a full walk of LMDB, which keeps no checksums)
 * and checks Cattle's reserved keys (checkpoints, head-guard memory) decode; see {@link StoreVerification}.
 * Prints one line per finding and a summary; damage is an error (exit 2) naming the damaged file and the
 * fix. The store is opened read-only, so it may run beside a RocksDB or LMDB replica.
 *
 * <p>{@code cattle snapshot} and {@code cattle copy} run the same check on their source first
 * ({@link #requireSound}).
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "verify",
        description = {
            "Check a store for damage with its own checksums, and check Cattle's checkpoint keys decode.",
            "Exit 0 when no damage is found, 2 when some is (restore from a snapshot or re-seed the replica).",
            "LMDB keeps no checksums: its entries are walked, and the output says values are unchecked."
        })
final class VerifyCommand implements Runnable {

    private static final int ATTEMPTS = 3;
    private static final long PAUSE_MILLIS = 200;

    @Option(names = "--store", required = true, paramLabel = "SPEC",
            description = "The store to check, opened read-only, e.g. rocksdb:/var/lib/cattle/replica")
    String storeSpec;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        VerifyReport report = verify(storeSpec);
        String store = Spec.parse(storeSpec).toString();
        for (Finding finding : report.findings()) {
            out.println("verify: " + oneLine(finding.toString()));
        }
        out.println("verify: " + summary(report, store));
        out.flush();
        if (!report.ok()) {
            throw damaged(report, store, "verify");
        }
    }

    /**
     * Verifies the store {@code storeSpec} before {@code command} copies it, printing one line; throws, naming
     * the damaged file and the fix, when it is damaged. For {@code cattle snapshot} and {@code cattle copy}.
     *
     * @throws StoreException when the store is damaged or cannot be verified
     */
    static void requireSound(String storeSpec, PrintWriter out, String command) {
        VerifyReport report = verify(storeSpec);
        String store = Spec.parse(storeSpec).toString();
        if (!report.ok()) {
            throw damaged(report, store, command);
        }
        out.println(command + ": source verified: " + summary(report, store));
        out.flush();
    }

    /**
     * Opens the store read-only and verifies it. A pass that fails without finding damage is tried again a few
     * times: beside a live RocksDB writer, a read-only open can race the writer deleting the files compaction
     * replaced (the same race {@code cattle snapshot} retries); damage is found the same way each time.
     */
    private static VerifyReport verify(String storeSpec) {
        for (int attempt = 1; ; attempt++) {
            try (Database store = Stores.open(storeSpec, OpenMode.READ_ONLY)) {
                return StoreVerification.of(store);
            } catch (StoreException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("verify interrupted; nothing was written");
        }
    }

    private static String summary(VerifyReport report, String store) {
        long checked = report.findings().stream().filter(f -> f.kind() == Kind.CHECKED).count();
        if (!report.ok()) {
            return "DAMAGED: " + report.damage().size() + " damaged part(s) in " + store;
        }
        if (!report.fullyChecked()) {
            return "no damage found in " + store + " (" + checked + " part(s) checked), but checksums are"
                    + " not available for all of it: compare it with another replica to be sure";
        }
        return "ok: no damage found in " + store + " (" + checked + " part(s) checked)";
    }

    private static StoreException damaged(VerifyReport report, String store, String command) {
        Finding first = report.damage().get(0);
        String skip = command.equals("verify") ? "" : "; to copy it anyway pass --no-verify-source";
        return new StoreException("store " + store + " is damaged: " + first.where() + " ("
                + oneLine(first.detail()) + ")" + (report.damage().size() > 1 ? " and " + (report.damage().size() - 1)
                + " more" : "") + "; restore it from a snapshot of a healthy replica, or re-seed the replica"
                + " (a fresh store replays the log, or cattle copy from a healthy replica)" + skip);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
