package org.ethercattle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ethercattle.api.Codecs;
import org.ethercattle.api.Database;
import org.ethercattle.api.Logs;
import org.ethercattle.api.Stores;
import org.ethercattle.core.master.Master;
import org.ethercattle.ethereum.chain.ChainImporter;
import org.ethercattle.ethereum.chain.Genesis;
import org.ethercattle.ethereum.state.AccountState;
import org.ethercattle.ethereum.state.StateJson;
import org.ethercattle.ethereum.types.Block;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cattle eth ...}: tools for stores in geth's schema. */
@Command(
        mixinStandardHelpOptions = true,
        versionProvider = CattleVersion.class,
        name = "eth",
        description = "Tools for stores that hold a go-ethereum database.",
        subcommands = {EthCommand.Import.class})
final class EthCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command: import");
    }

    /**
     * {@code cattle eth import}: writes a chain file ({@code geth export} format) and its genesis into a store in
     * geth's schema, as {@code geth init} + {@code geth import} would minus execution: blocks, lookups, markers and
     * the genesis state, plus the head state when a state dump is given. Receipts are not produced.
     */
    @Command(
            mixinStandardHelpOptions = true,
            versionProvider = CattleVersion.class,
            name = "import",
            description = {
                "Write a chain file (concatenated RLP blocks, as 'geth export' writes) and its genesis into a store,",
                "in geth's schema, e.g. to serve it with 'cattle serve' or feed replicas through 'cattle master'.",
                "No EVM runs: receipts are not written, and state exists for the genesis and, with --state, the head."
            })
    static final class Import implements Runnable {

        @Option(names = "--store", required = true, paramLabel = "SPEC", description = "The store to write")
        String storeSpec;

        @Option(names = "--chain", required = true, paramLabel = "FILE", description = "The chain file (chain.rlp)")
        Path chain;

        @Option(names = "--genesis", required = true, paramLabel = "FILE", description = "The genesis file")
        Path genesis;

        @Option(names = {"--state-dump", "--state"}, paramLabel = "FILE",
                description = "A state dump of the head block (geth's dump JSON: root and accounts), written as a"
                        + " hash-scheme trie that must hash to the head's stateRoot")
        Path state;

        @Option(names = "--forkchoice", paramLabel = "FILE",
                description = "An engine_forkchoiceUpdated request (e.g. headfcu.json) naming the head and finalized"
                        + " blocks; default: the chain file's last block")
        Path forkchoice;

        @Option(names = "--log", paramLabel = "SPEC",
                description = "Write through a capturing master into this log too, so replicas receive the chain")
        String logSpec;

        @Option(names = "--codec", defaultValue = Codecs.DEFAULT, paramLabel = "NAME",
                description = "With --log: the records' wire format (default: ${DEFAULT-VALUE})")
        String codecName;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        /** The store, wrapped in change capture when {@code --log} is given (closing it flushes the log). */
        private Database open() {
            Database store = Stores.open(storeSpec);
            if (logSpec == null) {
                return store;
            }
            return Master.wrap(store, Logs.openProducer(logSpec), Codecs.get(codecName))
                    .heartbeatEvery(Duration.ZERO).start();
        }

        @Override
        public void run() {
            List<Block> blocks;
            try {
                blocks = Block.decodeAll(Files.readAllBytes(chain));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the chain file " + chain + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the chain file " + chain + " is not concatenated RLP blocks: "
                        + e.getMessage(), e);
            }
            Genesis g = Genesis.read(genesis);
            List<AccountState> alloc = StateJson.readGenesisAlloc(genesis);
            List<AccountState> head = state == null ? null : StateJson.readDump(state);
            ChainImporter.Forkchoice choice = forkchoice == null ? null : ChainImporter.Forkchoice.read(forkchoice);
            try (Database db = open()) {
                Header top = new ChainImporter(db).importChain(g, alloc, blocks, head, choice);
                spec.commandLine().getOut().println("imported blocks 0.." + blocks.size() + " (head " + top.number()
                        + ") into "
                        + org.ethercattle.api.spi.Spec.parse(storeSpec) + "; head " + Hex.data(top.hash())
                        + (state == null ? ", state of the genesis only" : ", state of the genesis and the head"));
            }
        }
    }
}
