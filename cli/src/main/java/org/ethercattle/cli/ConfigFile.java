package org.ethercattle.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A command's options read from a Java properties file: each key is a long option without its dashes
 * ({@code store=rocksdb:/var/lib/cattle/replica}, {@code max-age=90s}), flags take {@code true} or
 * {@code false}. The file's options come first and the command line's after them, so the command line wins.
 */
final class ConfigFile {

    private ConfigFile() {}

    /**
     * The command line {@code file} stands for, as arguments of the command {@code spec}.
     *
     * @throws ParameterException naming the file and the key when the file cannot be read, a key is not an
     *                            option of the command, or a flag's value is not true/false
     */
    static List<String> toArgs(Path file, CommandSpec spec, CommandLine commandLine) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new ParameterException(commandLine, "cannot read config file " + file + ": " + e.getMessage());
        }
        List<String> args = new ArrayList<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            String value = props.getProperty(key).trim();
            OptionSpec option = spec.findOption("--" + key);
            if (option == null || key.equals("config") || option.usageHelp() || option.versionHelp()) {
                throw new ParameterException(commandLine, "config file " + file + ": unknown key '" + key
                        + "'; keys are the long options without dashes: " + knownKeys(spec));
            }
            if (option.arity().max() == 0) {
                switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> args.add("--" + key);
                    case "false" -> { }
                    default -> throw new ParameterException(commandLine, "config file " + file + ": '" + key
                            + "' is a flag; its value must be true or false, not '" + value + "'");
                }
            } else {
                args.add("--" + key + "=" + value);
            }
        }
        return args;
    }

    private static String knownKeys(CommandSpec spec) {
        List<String> keys = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            String name = o.longestName();
            if (name.startsWith("--") && !o.usageHelp() && !o.versionHelp() && !name.equals("--config")) {
                keys.add(name.substring(2));
            }
        }
        return String.join(", ", keys);
    }
}
