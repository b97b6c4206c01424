package org.ethercattle.store.rocksdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ethercattle.tck.VerifiableTck;

/**
 * RocksDB passes the Verifiable suite, damage included. No compression, so the bytes the damage hook flips
 * are the data blocks' own; no write-ahead log, so a close flushes the data into table files.
 */
class RocksDbVerifiableTckTest extends VerifiableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "rocksdb:" + emptyDirectory.resolve("db") + "?compression=none&wal=false";
    }

    @Override
    protected Optional<Path> damage(Path storeDirectory) throws IOException {
        return Optional.of(flipBytesInLargestFile(storeDirectory.resolve("db"), ".sst"));
    }
}
