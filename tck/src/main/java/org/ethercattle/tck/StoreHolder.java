package org.ethercattle.tck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;

/**
 * Another process holding a store open read-write, for the tests of what a second open is refused:
 * {@link #start(String)} launches a child JVM ({@link ChildJvm}) that opens the spec with {@code Stores.open}, prints {@value #HOLDING} and keeps the
 * store open until {@link #close()} closes its standard input; it then closes the store and exits.
 *
 * <p>{@code start} returns only once the child holds the store, so a test may open the same spec at
 * once and expect the refusal. Not thread-safe; one holder per test.
 */
public final class StoreHolder implements AutoCloseable {

    /** The line the child prints once it holds the store. */
    static final String HOLDING = "holding";

    private final Process child;

    private StoreHolder(Process child) {
        this.child = child;
    }

    /**
     * Starts a child JVM that opens {@code spec} read-write and holds it.
     *
     * @throws IllegalStateException when the child exits or closes its output before it holds the
     *                               store; the message quotes what it printed
     */
    public static StoreHolder start(String spec) throws IOException {
        Process child = ChildJvm.running(StoreHolder.class).withJvmOptions("-Xmx256m").withArguments(spec).start();
        StoreHolder holder = new StoreHolder(child);
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder printed = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals(HOLDING)) {
                // Drain the rest so a chatty child never blocks on a full pipe.
                Thread drain = new Thread(() -> drain(out), "store-holder-output");
                drain.setDaemon(true);
                drain.start();
                return holder;
            }
            printed.append(line).append('\n'); // a store's logging before it holds the store
        }
        holder.close();
        throw new IllegalStateException("the child JVM did not open " + spec + "; it printed:\n" + printed);
    }

    /** Lets the child close the store and exit, and waits for it (killing it after 60 s). */
    @Override
    public void close() {
        try {
            child.getOutputStream().close();
        } catch (IOException ignored) {
            // the child is gone already
        }
        try {
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (IOException ignored) {
            // the child exited
        }
    }

    /** The child: opens {@code args[0]}, reports {@value #HOLDING}, holds it until stdin closes. */
    public static void main(String[] args) throws IOException {
        try (Database db = Stores.open(args[0])) {
            System.out.println(HOLDING);
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes our stdin
            }
        }
    }
}
