package org.ethercattle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ethercattle.api.StoreException;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.ethercattle.store.layered.LayerSpecs;

/**
 * The directories a store spec names on this machine, resolved as the file system sees them, so a
 * command that writes a destination can refuse one that is its source under another name: a trailing
 * slash, {@code ./} segments, a symbolic link, or a directory inside the other.
 */
final class StoreDirectories {

    private StoreDirectories() {}

    /**
     * Throws a one-line {@link StoreException} when a directory of {@code destination} is, lies inside,
     * or holds a directory of {@code source}; nothing has been opened or deleted at that point.
     */
    static void refuseOverlap(String sourceName, Spec source, String destinationName, Spec destination) {
        refuseOverlap(sourceName, source, destinationName + " " + destination, of(destination));
    }

    /** As above, for a destination that is a plain directory ({@code destination}, e.g. {@code --to DIR}). */
    static void refuseOverlap(String sourceName, Spec source, String destinationName, Path destination) {
        refuseOverlap(sourceName, source, destinationName + " " + destination, List.of(real(destination)));
    }

    private static void refuseOverlap(String sourceName, Spec source, String destination, List<Path> directories) {
        List<Path> sources = of(source);
        for (Path to : directories) {
            for (Path from : sources) {
                String relation = to.equals(from) ? "is the same directory as"
                        : to.startsWith(from) ? "lies inside"
                        : from.startsWith(to) ? "holds" : null;
                if (relation != null) {
                    throw new StoreException(destination + " (" + to + ") " + relation + " " + sourceName + " "
                            + source + " (" + from + "); choose a destination outside the source");
                }
            }
        }
    }

    /**
     * The directory a store writes its files in: its path, or its top layer's for a layered store; empty for a
     * store without one (memory, a store behind a host).
     */
    static Optional<Path> writtenIn(Spec spec) {
        if (spec.scheme().equals("layered")) {
            return writtenIn(Spec.parse(LayerSpecs.of(spec).top()));
        }
        if (spec.authority() != null || spec.scheme().equals("memory") || spec.path().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(spec.path()));
    }

    /** The real directories of {@code spec}: its path, and for a layered store those of its layers too. */
    static List<Path> of(Spec spec) {
        List<Path> directories = new ArrayList<>();
        if (spec.authority() != null || spec.scheme().equals("memory")) {
            return directories;
        }
        if (!spec.path().isEmpty()) {
            directories.add(real(Path.of(spec.path())));
        }
        if (spec.scheme().equals("layered")) {
            LayerSpecs layers;
            try {
                layers = LayerSpecs.of(spec);
            } catch (SpecException e) {
                return directories; // opening the store reports it
            }
            directories.addAll(of(Spec.parse(layers.top())));
            directories.addAll(of(Spec.parse(layers.bottom())));
        }
        return directories;
    }

    /** The real path of the nearest existing ancestor, with the rest of {@code path} normalized onto it. */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
