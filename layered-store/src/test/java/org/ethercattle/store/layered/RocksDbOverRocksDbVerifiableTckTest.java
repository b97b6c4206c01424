package org.ethercattle.store.layered;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ethercattle.tck.VerifiableTck;

/**
 * A layered store verifies both layers: RocksDB over RocksDB passes the Verifiable suite, damage in the top
 * layer's table file included (what the suite writes goes to the top). The top has no compression and no
 * write-ahead log, so a close leaves the data in its table files.
 */
class RocksDbOverRocksDbVerifiableTckTest extends VerifiableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return TestLayers.layered("rocksdb:" + emptyDirectory.resolve("top") + "?compression=none&wal=false",
                "rocksdb:" + emptyDirectory.resolve("bottom"));
    }

    @Override
    protected Optional<Path> damage(Path storeDirectory) throws IOException {
        return Optional.of(flipBytesInLargestFile(storeDirectory.resolve("top"), ".sst"));
    }
}
