package org.ethercattle.ethereum.state;

import java.nio.file.Files;
import java.nio.file.Path;

/** The upstream execution-apis test data, read in place from {@code cattle.shared.dir}. */
final class ExecutionApis {

    private ExecutionApis() {
    }

    static Path file(String relative) {
        String shared = System.getProperty("cattle.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property cattle.shared.dir is not set; run the tests through"
                    + " Maven (the ethereum pom passes it) or pass -Dcattle.shared.dir=/work/shared");
        }
        Path path = Path.of(shared, "execution-apis").resolve(relative);
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
