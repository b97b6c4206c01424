package org.ethercattle.store.leveldb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.ethercattle.tck.VerifiableTck;

/**
 * LevelDB passes the Verifiable suite, damage included. No compression, so the bytes the damage hook flips
 * are the data blocks' own; a 64 KiB memtable, so the data is in table files (LevelDB's close does not
 * flush the memtable).
 */
class LevelDbVerifiableTckTest extends VerifiableTck {

    @Override
    protected String newStoreSpec(Path emptyDirectory) {
        return "leveldb:" + emptyDirectory.resolve("db") + "?compression=none&writeBufferSize=64k";
    }

    @Override
    protected Optional<Path> damage(Path storeDirectory) throws IOException {
        return Optional.of(flipBytesInLargestFile(storeDirectory.resolve("db"), ".ldb", ".sst"));
    }
}
