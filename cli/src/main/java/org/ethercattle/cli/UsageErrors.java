package org.ethercattle.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a usage error (a bad, missing or unknown option) as one line on stderr and exits with
 * {@link Cattle#EXIT_ERROR}, like {@link OneLineErrors} does for failures: {@code cattle: error: <message>
 * (see 'cattle replica --help')}, without the whole usage text. A value a converter refuses is reported as
 * {@code --max-age -5s: must be a positive duration such as 30s, 5m or 2h}: the option, the value as given,
 * and what the converter accepts.
 */
final class UsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("cattle: error: " + describe(ex) + " (see '" + commandLine.getCommandSpec().qualifiedName()
                + " --help')");
        err.flush();
        return Cattle.EXIT_ERROR;
    }

    static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            return ex.getMessage() + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ",
                    suggestions.subList(0, Math.min(3, suggestions.size()))) + "?");
        }
        // picocli wraps a converter's refusal as "Invalid value for option '--x': <message>"; say it shorter.
        ParameterException inner = ex;
        while (inner.getCause() instanceof ParameterException p) {
            inner = p;
        }
        if (inner.getCause() instanceof TypeConversionException refused && ex.getArgSpec() instanceof OptionSpec option
                && ex.getValue() != null) {
            String outer = ex.getMessage();
            // Keep what a caller added to the inner message, e.g. ReplicaCommand's " (in FILE or on the command line)".
            String added = outer != null && outer.startsWith(inner.getMessage())
                    ? outer.substring(inner.getMessage().length()) : "";
            return option.longestName() + " " + ex.getValue() + ": " + refused.getMessage() + added;
        }
        return ex.getMessage();
    }
}
