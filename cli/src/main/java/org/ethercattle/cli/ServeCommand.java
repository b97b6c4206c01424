package org.ethercattle.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.ethercattle.api.Database;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.Spec;
import org.ethercattle.api.Stores;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.freezer.GethFreezer;
import org.ethercattle.ethereum.rpc.RpcServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code cattle serve --store SPEC --rpc HOST:PORT}: the Ethereum JSON-RPC API over a geth database, read-only
 * and without a log: a snapshot, a stopped replica's store, or a geth datadir's chaindata with its freezer. Runs
 * until interrupted (SIGINT/SIGTERM).
 */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "serve",
        description = {
            "Serve the Ethereum JSON-RPC API from a store in geth's schema, read-only, with no log.",
            "The store is never written; run 'cattle replica --rpc' to serve a store that follows a master."
        })
final class ServeCommand implements Runnable {

    @Option(names = "--store", required = true, paramLabel = "SPEC",
            description = "The store, e.g. rocksdb:/var/lib/cattle/replica or leveldb:/data/geth/chaindata")
    String storeSpec;

    @Option(names = "--ancient", paramLabel = "DIR",
            description = "A geth freezer directory (chaindata/ancient) holding the chain's oldest blocks")
    Path ancient;

    @Mixin
    RpcOptions rpc;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (!rpc.enabled()) {
            throw new ParameterException(spec.commandLine(), "name where to serve with --rpc HOST:PORT");
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (Database db = Stores.open(storeSpec, OpenMode.READ_ONLY);
                Ancients ancients = ancient == null ? Ancients.none() : GethFreezer.open(ancient);
                RpcEndpoint server = rpc.start(db, ancients, RpcServer.NORMAL_PRIORITY)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "cattle-serve-stop"));
            spec.commandLine().getOut().println("serving the Ethereum JSON-RPC API from " + Spec.parse(storeSpec)
                    + " on http://" + rpc.address.getHostString() + ":" + server.port());
            spec.commandLine().getOut().flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
