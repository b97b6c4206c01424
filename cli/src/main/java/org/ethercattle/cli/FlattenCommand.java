package org.ethercattle.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.spi.SpecException;
import org.ethercattle.store.layered.Flattener;
import org.ethercattle.store.layered.LayerSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code cattle flatten --store layered:... [--into SPEC]}: offline, folds a layered store into a plain
 * store that reads the same and carries the same checkpoint.
 *
 * <p>Without {@code --into}, the top's writes (values and tombstones) are applied to the bottom, which is
 * opened for writing; the top is then no longer needed. With {@code --into}, the merged view is copied
 * into a new, empty store of any kind. Either way the checkpoint is written last (see {@link Flattener}).
 * Nothing may use the layers meanwhile: stop the replica first.
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "flatten",
        description = {
            "Fold a layered store's top layer into a plain store (offline: stop the replica first).",
            "Into its own bottom by default, or into a new store with --into."
        })
final class FlattenCommand implements Runnable {

    @Option(names = "--store", required = true, paramLabel = "SPEC",
            description = "The layered store, e.g. 'layered:?top=rocksdb:/nvme/top&bottom=rocksdb:/snap' or"
                    + " layered:/path/to/layered.properties")
    String storeSpec;

    @Option(names = "--into", paramLabel = "SPEC",
            description = "A new, empty store to write the flat copy into (default: fold into the bottom layer)")
    String intoSpec;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Spec parsed = Spec.parse(storeSpec);
        if (!parsed.scheme().equals("layered")) {
            throw new SpecException("--store " + parsed + " is not a layered store; flatten takes a layered:"
                    + " spec (a plain store is already flat)");
        }
        String result;
        long started = System.nanoTime();
        if (intoSpec == null) {
            LayerSpecs layers = LayerSpecs.of(parsed);
            try (Database top = Stores.open(layers.top(), OpenMode.READ_ONLY);
                    Database bottom = Stores.open(layers.bottom(), OpenMode.READ_WRITE)) {
                long applied = Flattener.foldTopIntoBottom(top, bottom);
                out.println("flatten: applied " + applied + " top entries (values and deletes) to the bottom "
                        + layers.bottom());
            }
            result = layers.bottom();
            out.println("flatten: the top " + layers.top() + " is no longer needed: delete it, or keep using the"
                    + " layers (they read the same)");
        } else {
            StoreDirectories.refuseOverlap("--store", parsed, "--into", Spec.parse(intoSpec));
            try (Database layered = Stores.open(storeSpec, OpenMode.READ_ONLY);
                    Database target = Stores.open(intoSpec, OpenMode.READ_WRITE)) {
                long copied = Flattener.copy(layered, target);
                out.println("flatten: copied " + copied + " keys into " + Spec.parse(intoSpec));
            }
            result = intoSpec;
        }
        try (Database flat = Stores.open(result, OpenMode.READ_ONLY)) {
            StoreCheckpoints.in(flat).forEach((stream, checkpoint) -> out.println("flatten: " + Spec.parse(result)
                    + " holds the checkpoint of " + StoreCheckpoints.describe(stream, checkpoint, Optional.empty())));
        }
        out.printf("flatten: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.flush();
    }
}
