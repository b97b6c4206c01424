package org.ethercattle.store.layered;

import java.io.IOException;
import java.io.Reader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;

/**
 * The two specs a {@code layered:} spec names, in one of two forms:
 *
 * <ul>
 *   <li>inline: {@code layered:?top=<spec>&bottom=<spec>}, each nested spec URL-encoded when it holds
 *       {@code ?}, {@code &}, {@code %} or {@code +} (e.g. {@code bottom=lmdb:/snap%3FmapSize%3D64g});
 *       {@link #toSpec()} writes this form, encoded;</li>
 *   <li>file: {@code layered:/etc/cattle/layered.properties}, or {@code layered:/snapshots/s1} for a
 *       directory holding a {@code layered.properties} (what a checkpoint of a layered store writes).
 *       The file has the keys {@code top} and {@code bottom}, each a spec as written on a command line;
 *       a spec path starting with {@code ./} is relative to the file's directory, so a directory of
 *       layers can be moved as a whole.</li>
 * </ul>
 *
 * @param top    spec of the writable top layer
 * @param bottom spec of the bottom layer, opened read-only
 */
public record LayerSpecs(String top, String bottom) {

    /** The name of the properties file a directory spec points into. */
    public static final String FILE_NAME = "layered.properties";

    private static final Set<String> PARAMETERS = Set.of("top", "bottom");

    /** Reads the layers from a parsed {@code layered:} spec, in either form. */
    public static LayerSpecs of(Spec spec) {
        spec.requireOnly(PARAMETERS);
        boolean inline = !spec.params().isEmpty();
        if (inline == !spec.path().isEmpty()) {
            throw new SpecException("spec '" + spec + "' must either name the layers inline,"
                    + " layered:?top=<spec>&bottom=<spec> (URL-encode a nested spec holding ? or &), or name a"
                    + " file holding them, layered:/path/to/" + FILE_NAME + " (or its directory); not both"
                    + " and not neither");
        }
        if (inline) {
            return new LayerSpecs(required(spec.params().get("top"), "top", spec),
                    required(spec.params().get("bottom"), "bottom", spec));
        }
        return fromFile(Path.of(spec.path()), spec);
    }

    private static LayerSpecs fromFile(Path path, Spec spec) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new SpecException("spec '" + spec + "': cannot read " + file + " (" + e.getMessage()
                    + "); write it with the lines top=<spec> and bottom=<spec>, or name the layers inline");
        }
        Path base = file.toAbsolutePath().getParent();
        return new LayerSpecs(relativeTo(base, required(properties.getProperty("top"), "top", spec)),
                relativeTo(base, required(properties.getProperty("bottom"), "bottom", spec)));
    }

    private static String required(String value, String name, Spec spec) {
        if (value == null || value.isBlank()) {
            throw new SpecException("spec '" + spec + "' names no " + name + " layer; give " + name
                    + "=<spec>, e.g. " + name + "=rocksdb:/var/lib/cattle/" + name);
        }
        return value.trim();
    }

    private static String relativeTo(Path base, String layer) {
        Spec spec = Spec.parse(layer);
        if (spec.authority() == null && spec.path().startsWith("./")) {
            return spec.withPath(base.resolve(spec.path().substring(2)).toString()).text();
        }
        return layer;
    }

    /** The inline spec {@code layered:?top=...&bottom=...} naming these layers, nested specs encoded. */
    public String toSpec() {
        return "layered:?top=" + encode(top) + "&bottom=" + encode(bottom);
    }

    /** Writes these layers as a {@value #FILE_NAME} into {@code directory}. */
    public void writeTo(Path directory) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("top", top);
        properties.setProperty("bottom", bottom);
        try (var writer = Files.newBufferedWriter(directory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
            properties.store(writer, "Cattle layered store: the top layer over the bottom layer (read-only)");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
