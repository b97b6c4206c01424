package org.ethercattle.ethereum.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One execution-apis {@code .io} test: comment lines ({@code //}), a {@code // speconly} marker where only the
 * response's shape is checked, then request ({@code >>}) and expected response ({@code <<}) lines, which are
 * geth's exact answers.
 *
 * @param name {@code method/file} without the extension
 * @param speconly whether only the response's validity is checked upstream
 * @param exchanges request and response pairs in order
 */
record Fixture(String name, boolean speconly, List<Exchange> exchanges) {

    /** One request and geth's response to it. */
    record Exchange(String request, String response) {}

    /** The method the fixture's directory is named after. */
    String method() {
        return name.substring(0, name.indexOf('/'));
    }

    static Fixture read(Path file, Path testsDir) {
        try {
            List<String> lines = Files.readAllLines(file);
            boolean speconly = false;
            List<Exchange> exchanges = new ArrayList<>();
            String request = null;
            for (String line : lines) {
                if (line.startsWith("//") && line.contains("speconly")) {
                    speconly = true;
                } else if (line.startsWith(">> ")) {
                    request = line.substring(3);
                } else if (line.startsWith("<< ")) {
                    exchanges.add(new Exchange(request, line.substring(3)));
                    request = null;
                }
            }
            String rel = testsDir.relativize(file).toString().replace('\\', '/');
            return new Fixture(rel.substring(0, rel.length() - ".io".length()), speconly, List.copyOf(exchanges));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture under {@code testsDir}, sorted by name. */
    static List<Fixture> all(Path testsDir) {
        try (Stream<Path> files = Files.walk(testsDir)) {
            return files.filter(f -> f.toString().endsWith(".io")).sorted()
                    .map(f -> read(f, testsDir)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
