package org.ethercattle.ethereum.rawdb.freezer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ethercattle.api.StoreException;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * A freezer table's {@code <table>.meta} file (geth's {@code core/rawdb/freezer_meta.go}): the RLP list
 * {@code [version, virtualTail]} (version 1) or {@code [version, virtualTail, flushOffset]} (version 2).
 *
 * @param version the metadata version, 0 when the file is absent or empty (geth before the metadata file)
 * @param virtualTail the number of items hidden from the front: deleted ones plus ones only marked deleted
 */
record TableMeta(int version, long virtualTail) {

    /**
     * Reads {@code file}; an absent or empty file (a table written before geth kept metadata) means no hidden
     * items beyond the deleted ones, which is how geth initialises it.
     *
     * @throws StoreException when the file is there but is not a metadata list
     */
    static TableMeta read(Path file) {
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                return new TableMeta(0, 0);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StoreException("cannot read freezer metadata " + file + ": " + e.getMessage()
                    + "; check the file's permissions", e);
        }
        if (bytes.length == 0) {
            return new TableMeta(0, 0);
        }
        try {
            List<RlpType> outer = RlpDecoder.decode(bytes).getValues();
            List<RlpType> fields = ((RlpList) outer.get(0)).getValues();
            long version = ((RlpString) fields.get(0)).asPositiveBigInteger().longValueExact();
            long tail = ((RlpString) fields.get(1)).asPositiveBigInteger().longValueExact();
            if (version < 1 || version > 2 || tail < 0) {
                throw new IllegalArgumentException("version " + version + ", tail " + tail);
            }
            return new TableMeta((int) version, tail);
        } catch (RuntimeException e) {
            throw new StoreException("freezer metadata " + file + " is not geth's [version, tail, ...] list ("
                    + e + "): the file is damaged or from an unknown geth version; restore the freezer from a "
                    + "backup, or delete the .meta file to treat no items as hidden", e);
        }
    }
}
