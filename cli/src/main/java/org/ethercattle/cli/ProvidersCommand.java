package org.ethercattle.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.ProviderRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cattle providers}: the stores, logs and codecs found on the classpath, by scheme, each with the jar it
 * came from (so a plugin added with {@code CATTLE_CLASSPATH} or {@code --plugins} can be seen to be the one used).
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "providers",
        description = "List the stores, logs and codecs found on the classpath, with the scheme that names each.")
final class ProvidersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        section(out, "stores", "spec: <scheme>:<path>, e.g. rocksdb:/var/lib/cattle/db", Stores.available(),
                scheme -> Stores.provider(scheme).getClass());
        section(out, "logs", "spec: <scheme>:<path> or <scheme>://host:port/<stream>", Logs.available(),
                scheme -> Logs.provider(scheme).getClass());
        section(out, "codecs", "name for --codec", Codecs.available(), scheme -> Codecs.get(scheme).getClass());
        out.flush();
    }

    private static void section(PrintWriter out, String title, String hint, Map<String, String> found,
            Function<String, Class<?>> providerClass) {
        out.println(title + " (" + hint + "):");
        if (found.isEmpty()) {
            out.println("  (none on the classpath)");
        }
        int width = found.keySet().stream().mapToInt(String::length).max().orElse(0);
        found.forEach((scheme, description) -> out.printf("  %-" + width + "s  %s (from %s)%n", scheme, description,
                ProviderRegistry.origin(providerClass.apply(scheme))));
    }
}
