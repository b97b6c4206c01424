package org.ethercattle.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a command's failure as one line on stderr ({@code cattle: error: <message>}) and exits with
 * {@link Cattle#EXIT_ERROR}; the stack trace follows only when {@code --verbose} was given. Cattle's
 * exceptions carry messages written for operators, so the line is usually all one needs.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("cattle: error: " + describe(ex));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return Cattle.EXIT_ERROR;
    }

    /** The message, prefixed by the exception's simple name when it is not one of Cattle's own. */
    static String describe(Throwable ex) {
        String message = ex.getMessage();
        boolean ours = ex.getClass().getName().startsWith("org.ethercattle.");
        if (message == null || message.isBlank()) {
            return ex.getClass().getName() + (ex.getCause() == null ? "" : ": " + describe(ex.getCause()));
        }
        return ours ? message : ex.getClass().getSimpleName() + ": " + message;
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult level = result; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
