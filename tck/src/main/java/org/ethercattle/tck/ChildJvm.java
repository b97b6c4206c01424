package org.ethercattle.tck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command that starts a class's {@code main} in a child JVM for a test: this JVM's {@code java}
 * ({@code java.home}), the JVM options asked for, the {@code --add-opens} pair LMDB needs (harmless for
 * every other program), a class path (by default this JVM's, {@code java.class.path}), the main class and
 * its arguments. The one place tests and test launchers (stores holding a lock, crashing writers, brokers,
 * the {@code cattle} command) build such a command.
 *
 * <pre>{@code
 * Process child = ChildJvm.running(CrashWriter.class).withJvmOptions("-Xmx256m").withArguments(spec)
 *         .processBuilder().redirectErrorStream(true).start();
 * }</pre>
 *
 * <p>Immutable: each {@code with...} returns a copy.
 */
public final class ChildJvm {

    /** lmdbjava reaches into NIO internals on Java 17 (as the {@code ./cattle} launcher allows it to). */
    private static final List<String> MODULE_OPENS = List.of(
            "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");

    private final String mainClass;
    private final List<String> jvmOptions;
    private final String classpath;
    private final List<String> arguments;

    private ChildJvm(String mainClass, List<String> jvmOptions, String classpath, List<String> arguments) {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classpath = Objects.requireNonNull(classpath, "classpath");
        this.arguments = List.copyOf(arguments);
    }

    /** A child running {@code mainClass}'s {@code main}, with this JVM's class path, no options and no arguments. */
    public static ChildJvm running(Class<?> mainClass) {
        return running(mainClass.getName());
    }

    /** As {@link #running(Class)}, for a main class named {@code mainClass} (one this JVM need not load). */
    public static ChildJvm running(String mainClass) {
        return new ChildJvm(mainClass, List.of(), System.getProperty("java.class.path"), List.of());
    }

    /** A copy that also passes {@code options} to the JVM (after those given before), e.g. {@code -Xmx256m}. */
    public ChildJvm withJvmOptions(String... options) {
        return withJvmOptions(List.of(options));
    }

    /** A copy that also passes {@code options} to the JVM (after those given before). */
    public ChildJvm withJvmOptions(List<String> options) {
        return new ChildJvm(mainClass, concat(jvmOptions, options), classpath, arguments);
    }

    /** A copy with {@code classpath} (a path list, or a directory followed by {@code *}) instead of this JVM's. */
    public ChildJvm withClasspath(String classpath) {
        return new ChildJvm(mainClass, jvmOptions, classpath, arguments);
    }

    /** A copy that also passes {@code args} to {@code main} (after those given before). */
    public ChildJvm withArguments(String... args) {
        return withArguments(List.of(args));
    }

    /** A copy that also passes {@code args} to {@code main} (after those given before). */
    public ChildJvm withArguments(List<String> args) {
        return new ChildJvm(mainClass, jvmOptions, classpath, concat(arguments, args));
    }

    /** The command line: {@code java}, the options, the module opens, {@code -cp}, the main class, its arguments. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(MODULE_OPENS);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /** A process builder for {@link #command()}, for the caller to redirect and start. */
    public ProcessBuilder processBuilder() {
        return new ProcessBuilder(command());
    }

    /** Starts the child with its standard error merged into its standard output (read it, or it may block). */
    public Process start() throws IOException {
        return processBuilder().redirectErrorStream(true).start();
    }

    private static List<String> concat(List<String> first, List<String> then) {
        List<String> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    @Override
    public String toString() {
        return "a child JVM running " + mainClass + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments));
    }
}
