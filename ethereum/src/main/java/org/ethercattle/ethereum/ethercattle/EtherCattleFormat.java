package org.ethercattle.ethereum.ethercattle;

import java.time.Duration;

/**
 * The constants of the original Ether Cattle message format (the go-ethereum fork's {@code ethdb/cdc}):
 * opcodes, the batch-fragment layout and the Kafka conventions its master and replicas use. The format
 * is described in {@code docs/ethercattle-compat.md}.
 */
public final class EtherCattleFormat {

    /** {@code [0x00][RLP [key, value]]}: a single put. Also the put sub-op of a fragment. */
    public static final byte OP_PUT = 0x00;
    /** {@code [0x01][key]}: a single delete. Also the delete sub-op of a fragment. */
    public static final byte OP_DELETE = 0x01;
    /** {@code [0x02][16-byte batch id]}: commits the fragments collected under that id. */
    public static final byte OP_WRITE = 0x02;
    /** {@code [0x03]}: the master is alive. */
    public static final byte OP_HEARTBEAT = 0x03;
    /** {@code [0x04][key]}: a read, on the separate read stream; replicas ignore it. */
    public static final byte OP_GET = 0x04;
    /** {@code [0x05][key]}: a read, on the separate read stream; replicas ignore it. */
    public static final byte OP_HAS = 0x05;
    /** {@code [0x06][RLP [number, hash, header, body, receipts, td]]}: a block moved to the freezer. */
    public static final byte OP_APPEND_ANCIENT = 0x06;
    /** {@code [0x07][RLP uint64 n]}: keep only the first n ancient blocks. */
    public static final byte OP_TRUNCATE_ANCIENTS = 0x07;
    /** {@code [0x08]}: flush the freezer; nothing to do on a Cattle replica. */
    public static final byte OP_SYNC = 0x08;
    /** First byte of a batch fragment {@code [0xFF][sub-op][16-byte batch id][payload]}. */
    public static final byte FRAGMENT = (byte) 0xFF;

    /** Length of a batch id (a random UUID, as bytes). */
    public static final int BATCH_ID_BYTES = 16;
    /** Bytes before a fragment's payload: marker, sub-op, batch id. */
    public static final int FRAGMENT_HEADER_BYTES = 2 + BATCH_ID_BYTES;

    /** The topic's {@code max.message.bytes} (and the producer's limit) the original master creates. */
    public static final int MAX_MESSAGE_BYTES = 5_000_012;
    /** How often the original master emits a heartbeat. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    /** The original uses one partition per topic; its consumer reads partition 0. */
    public static final int PARTITIONS = 1;

    private EtherCattleFormat() {}
}
