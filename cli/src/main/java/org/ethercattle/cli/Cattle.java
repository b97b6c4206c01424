package org.ethercattle.cli;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code cattle} command: demo, master, replica, serve, eth, snapshot, verify, compare, flatten, retention,
 * copy, log, providers.
 *
 * <p>Exit codes: 0 success; 1 the demo found a replica whose keyspace differs from the master's, or compare
 * found two stores that differ; 2 an error (bad arguments or spec, missing provider, store locked, replay
 * failure), reported as one line on stderr, with the stack trace only under {@code --verbose}.
 */
@Command(
        name = "cattle",
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        description = "Replicates a key-value store through an ordered change log (the Ether Cattle design).",
        subcommands = {DemoCommand.class, ReplicaCommand.class, MasterCommand.class, ServeCommand.class, TxRelayCommand.class, EthCommand.class, CopyCommand.class, SnapshotCommand.class, VerifyCommand.class, CompareCommand.class, FlattenCommand.class, RetentionCommand.class, LogInspectCommand.LogCommand.class, ProvidersCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  demo: a replica's keyspace differs from the master's; compare: the two stores differ",
            "  2  error (bad spec, missing provider, locked store, replay failure)"
        })
public final class Cattle implements Runnable {

    /** Exit code of a failed command: one line on stderr says why. */
    public static final int EXIT_ERROR = 2;

    /** Exit code of a demo whose replicas do not match the master, and of a compare of stores that differ. */
    public static final int EXIT_MISMATCH = 1;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Print stack traces with errors, and debug logging.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    /** Runs the command line {@code args} and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line {@code args} in this JVM and returns its exit code (for tests and embedding). */
    public static int execute(String... args) {
        if (Arrays.asList(args).contains("--verbose")) {
            // Must be set before the first logger exists; slf4j-simple reads it once.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        return commandLine().execute(args);
    }

    /** A configured command line, e.g. to redirect its output with {@link CommandLine#setOut}. */
    public static CommandLine commandLine() {
        return new CommandLine(new Cattle())
                .setExecutionExceptionHandler(new OneLineErrors())
                .setParameterExceptionHandler(new UsageErrors())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "name a command: " + String.join(", ", spec.subcommands().keySet()));
    }
}
