package org.ethercattle.ethereum.eth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.types.Header;

/**
 * The block a replica's {@code latest} is: the header its {@code LastBlock} marker names, with its age. The Ether
 * Cattle design calls a node more than a couple of blocks behind unhealthy; the age of the head block is how a
 * replica knows, whatever its log says (a master that stopped following its node still sends heartbeats).
 *
 * @param number the block number
 * @param hash the block hash
 * @param time the block's timestamp
 */
public record HeadBlock(long number, byte[] hash, Instant time) {

    /** The head block of {@code db}, if it holds a geth chain. */
    public static Optional<HeadBlock> of(Database db) {
        Optional<Header> h = new ChainReader(db, Ancients.none()).headMarker(Schema.HEAD_BLOCK);
        return h.map(header -> new HeadBlock(header.number(), header.hash(), Instant.ofEpochSecond(header.time())));
    }

    /** How old the block is at {@code now} (zero for a block from the future). */
    public Duration age(Instant now) {
        Duration age = Duration.between(time, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
