package org.ethercattle.ethereum.testchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ethercattle.ethereum.types.Block;

/**
 * The execution-apis test chain (CC0, upstream data read in place from the shared directory the build names in
 * {@code cattle.shared.dir}; never copied into this repository).
 */
public final class TestChain {

    private static List<Block> blocks;

    private TestChain() {}

    /** {@code execution-apis/} under the shared directory; fails with the fix when it is missing. */
    public static Path root() {
        String shared = System.getProperty("cattle.shared.dir");
        if (shared == null) {
            throw new IllegalStateException("system property cattle.shared.dir is not set: run the tests through "
                    + "Maven (the ethereum pom sets it) or pass -Dcattle.shared.dir=/path/to/shared");
        }
        Path root = Path.of(shared, "execution-apis");
        if (!Files.isDirectory(root.resolve("tests"))) {
            throw new IllegalStateException(root.resolve("tests") + " does not exist: the execution-apis test chain "
                    + "is expected beside the project checkout (../shared/execution-apis)");
        }
        return root;
    }

    /** A file under {@code execution-apis/tests/}. */
    public static Path tests(String name) {
        return root().resolve("tests").resolve(name);
    }

    /** Blocks 1 .. head of {@code chain.rlp}, decoded once. */
    public static synchronized List<Block> blocks() {
        if (blocks == null) {
            try {
                blocks = Block.decodeAll(Files.readAllBytes(tests("chain.rlp")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return blocks;
    }
}
