package org.ethercattle.cli;

import java.io.PrintWriter;

/**
 * How a command prints its progress and results: one line at a time, flushed at once, so an operator
 * watching a long-running command (or a script reading it through a pipe, where output is otherwise
 * buffered) sees each line when it happens.
 */
final class ConsoleLines {

    private ConsoleLines() {}

    /** Prints {@code line} on {@code out} and flushes it. */
    static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
