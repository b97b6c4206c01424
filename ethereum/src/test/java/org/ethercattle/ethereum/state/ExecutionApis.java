package org.ethercattle.ethereum.state;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.ethereum.testchain.TestChain;

/** The upstream execution-apis files the state tests read, found through {@link TestChain#root()}. */
final class ExecutionApis {

    private ExecutionApis() {
    }

    static Path file(String relative) {
        Path path = TestChain.root().resolve(relative);
        if (!Files.isReadable(path)) {
            throw new IllegalStateException(path + " is missing; cattle.shared.dir must hold a checkout of"
                    + " ethereum/execution-apis");
        }
        return path;
    }

    static Path headState() {
        return file("tools/chain/headstate.json");
    }

    static Path genesis() {
        return file("tests/genesis.json");
    }
}
