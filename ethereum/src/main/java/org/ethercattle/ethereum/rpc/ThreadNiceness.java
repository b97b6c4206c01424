package org.ethercattle.ethereum.rpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the CPU priority of the calling thread, so that the server's threads yield the processor to a replica's
 * replay when both want it. On Linux a thread is a task with its own nice value; this finds the task's id in
 * {@code /proc/thread-self} and sets it with util-linux's {@code renice}, since Java has no call for either (RocksDB
 * lowers its compaction threads the same way, with {@code setpriority} on the thread's id). Lowering needs no
 * privilege. Where it cannot be done (not Linux, no {@code renice}), the first failure is logged once and threads
 * keep the normal priority: the server still works, only without the yield.
 */
public final class ThreadNiceness {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadNiceness.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private ThreadNiceness() {}

    /**
     * Sets the calling thread's nice value to {@code niceness} (0 normal, 19 lowest).
     *
     * @return whether it was set
     */
    static boolean lowerCurrentThread(int niceness) {
        return lowerCurrentThread(niceness, "the RPC threads'", "pass --rpc-nice 0 to not ask");
    }

    /**
     * Sets the calling thread's nice value to {@code niceness} (0 normal, 19 lowest), for other background
     * threads of a replica (the store scrub). The first failure in this JVM is logged once, as a warning
     * naming {@code whose} priority could not be lowered and {@code orElse}, the way to stop asking.
     *
     * @return whether it was set
     */
    public static boolean lowerCurrentThread(int niceness, String whose, String orElse) {
        String failure;
        try {
            // "/proc/thread-self" links to "PID/task/TID".
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(niceness), "-p", tid)
                    .redirectErrorStream(true).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                failure = "renice did not finish within 10 s";
            } else if (renice.exitValue() != 0) {
                failure = "renice exited " + renice.exitValue() + ": "
                        + new String(renice.getInputStream().readAllBytes()).strip();
            } else {
                return true;
            }
        } catch (IOException | UnsupportedOperationException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("cannot lower {} CPU priority to nice {} ({}); they run at normal priority and compete with the"
                    + " replay for the CPU. Install util-linux (renice) on Linux, or {}", whose, niceness, failure, orElse);
        }
        return false;
    }
}
