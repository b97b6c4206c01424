package org.ethercattle.cli;

import static org.ethercattle.cli.ConsoleLines.say;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.ethercattle.api.Cursor;
import org.ethercattle.api.Database;
import org.ethercattle.api.ReservedKeys;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.core.Keyspace;
import org.ethercattle.core.Keyspace.Comparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code cattle compare --a SPEC --b SPEC}: walks two stores side by side in key order (a replica and its
 * master, a replica and a snapshot, any two stores) and prints the first key on which they disagree, or that
 * they are equal and how many keys each holds. Cattle's reserved keys (checkpoints, head-guard memory, see
 * {@link ReservedKeys}) differ between a master and its replicas by design, so they are left out unless
 * {@code --include-reserved}. Both stores are opened read-only, as {@code cattle verify} opens them: a
 * RocksDB or LMDB store may be compared beside its running replica (RocksDB then shows what the writer has
 * flushed to table files); LevelDB has no read-only open, so a LevelDB store held by a replica is refused.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "compare",
        description = {
            "Compare two stores key by key and print the first difference, or that they are equal.",
            "Cattle's reserved keys (checkpoints, head-guard memory) are left out unless --include-reserved.",
            "Both stores are opened read-only. Stores still being written compare two unrelated instants:"
                    + " stop the writers, or compare snapshots, for a verdict that means something."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  the stores hold the same keys with the same values",
            "  1  they differ (the first difference is printed)",
            "  2  error (bad arguments or spec, a store missing or held by another process)"
        })
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--a", required = true, paramLabel = "SPEC",
            description = "The first store, e.g. rocksdb:/var/lib/cattle/replica-0")
    String aSpec;

    @Option(names = "--b", required = true, paramLabel = "SPEC",
            description = "The second store, e.g. rocksdb:/snapshots/s-2026-11-22")
    String bSpec;

    @Option(names = "--include-reserved",
            description = "Compare Cattle's reserved keys too (checkpoints and head-guard memory, which differ"
                    + " between a master and its replicas)")
    boolean includeReserved;

    @Option(names = "--prefix", paramLabel = "HEX",
            description = "Compare only the keys that start with these bytes, in hex, e.g. 0x68 (geth headers)")
    String prefixHex;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        byte[] prefix = prefix();
        PrintWriter out = spec.commandLine().getOut();
        String a = Spec.parse(aSpec).toString();
        String b = Spec.parse(bSpec).toString();
        try (Database first = Stores.open(aSpec, OpenMode.READ_ONLY);
                Database second = Stores.open(bSpec, OpenMode.READ_ONLY)) {
            say(out, "compare: A " + a + ", B " + b + range(prefix));
            Comparison comparison = Keyspace.compare(first, second, prefix, includeReserved);
            if (comparison.difference().isPresent()) {
                say(out, "compare: DIFFERENT: " + comparison.difference().get().describe("A", "B")
                        + " (" + comparison.equalKeys() + " equal key(s) before it)");
                return Cattle.EXIT_MISMATCH;
            }
            say(out, "compare: equal: A and B hold the same " + comparison.equalKeys() + " key(s)"
                    + reservedNote(first, second, prefix));
            return 0;
        }
    }

    private byte[] prefix() {
        if (prefixHex == null) {
            return new byte[0];
        }
        String digits = prefixHex.startsWith("0x") || prefixHex.startsWith("0X") ? prefixHex.substring(2) : prefixHex;
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--prefix " + prefixHex
                    + ": must be bytes in hex, an even number of digits 0-9 a-f, e.g. 0x68");
        }
    }

    private static String range(byte[] prefix) {
        return prefix.length == 0 ? "" : ", keys starting with 0x" + HexFormat.of().formatHex(prefix);
    }

    /** Without --include-reserved, how many reserved keys each side holds that were not compared. */
    private String reservedNote(Database first, Database second, byte[] prefix) {
        if (includeReserved) {
            return ", reserved keys included";
        }
        if (!ReservedKeys.isReserved(prefix) && !startsReservedRange(prefix)) {
            return "";
        }
        byte[] reserved = ReservedKeys.isReserved(prefix) ? prefix : ReservedKeys.PREFIX;
        return "; not compared: reserved keys (A holds " + count(first, reserved) + ", B " + count(second, reserved)
                + "; --include-reserved compares them)";
    }

    /** Whether {@code prefix} is the start of {@link ReservedKeys#PREFIX} (the empty prefix included). */
    private static boolean startsReservedRange(byte[] prefix) {
        return prefix.length <= ReservedKeys.PREFIX.length
                && Arrays.equals(prefix, 0, prefix.length, ReservedKeys.PREFIX, 0, prefix.length);
    }

    private static long count(Database store, byte[] prefix) {
        long count = 0;
        try (Cursor cursor = store.cursor(prefix, new byte[0])) {
            while (cursor.next()) {
                count++;
            }
        }
        return count;
    }
}
