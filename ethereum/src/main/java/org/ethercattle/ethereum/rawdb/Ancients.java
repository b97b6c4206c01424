package org.ethercattle.ethereum.rawdb;

import java.util.Optional;

/**
 * go-ethereum's ancient (freezer) data: blocks {@code 0 .. count()-1} moved out of the key-value store, one
 * blob per table and block. Two sources exist: the ancient keys a replica received from an original Ether
 * Cattle master (AppendAncient records), and a real geth freezer directory ({@code chaindata/ancient}).
 *
 * <p>Implementations are safe for concurrent readers. Blobs are returned as fresh arrays the caller owns.
 */
public interface Ancients extends AutoCloseable {

    /** geth's freezer table of canonical block hashes (32 bytes each). */
    String HASHES = "hashes";
    /** geth's freezer table of RLP headers. */
    String HEADERS = "headers";
    /** geth's freezer table of RLP bodies. */
    String BODIES = "bodies";
    /** geth's freezer table of RLP stored receipts. */
    String RECEIPTS = "receipts";
    /** geth's freezer table of RLP total difficulties (dropped by newer geth; may be absent). */
    String DIFFS = "diffs";

    /** The number of ancient blocks: blocks {@code 0 .. count()-1} are readable; 0 when there are none. */
    long count();

    /**
     * One blob of block {@code number} from {@code table} (one of the constants above), or empty when the block
     * is not in the ancient data or the table does not hold it.
     *
     * @throws org.ethercattle.api.StoreException when the data is there but damaged (names the file or key)
     */
    Optional<byte[]> get(String table, long number);

    /** Releases files the source holds open; idempotent. Sources over a {@code Database} do not close it. */
    @Override
    void close();

    /** No ancient data at all: a store that never froze anything. */
    static Ancients none() {
        return new Ancients() {
            @Override
            public long count() {
                return 0;
            }

            @Override
            public Optional<byte[]> get(String table, long number) {
                return Optional.empty();
            }

            @Override
            public void close() {}
        };
    }
}
