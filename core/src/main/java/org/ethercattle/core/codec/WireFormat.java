package org.ethercattle.core.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The constants of the {@code cattle/1} layout, documented byte by byte in {@code docs/wire-format.md}.
 * Every fixed-width integer is big-endian.
 */
final class WireFormat {

    static final byte MAGIC_0 = (byte) 0xCA;
    static final byte MAGIC_1 = (byte) 0x77;
    static final int VERSION = 1;

    static final byte KIND_BATCH = 0x01;
    static final byte KIND_CHUNK = 0x02;
    static final byte KIND_HEARTBEAT = 0x03;

    static final byte OP_PUT = 0x01;
    static final byte OP_DELETE = 0x02;

    static final int OFFSET_VERSION = 2;
    static final int OFFSET_KIND = 3;
    static final int OFFSET_PRODUCER = 4;
    static final int OFFSET_SEQUENCE = 20;
    static final int OFFSET_TIME = 28;
    /** Magic, version, kind, producer id, sequence and time: where the body starts. */
    static final int HEADER_BYTES = 36;
    static final int CRC_BYTES = 4;
    /** Header plus checksum: the size of a message with an empty body (a heartbeat). */
    static final int OVERHEAD_BYTES = HEADER_BYTES + CRC_BYTES;
    /**
     * Magic, version and checksum: what every version of the format keeps in place, so that a reader
     * can check the checksum before it knows the version.
     */
    static final int MIN_ANY_VERSION_BYTES = 3 + CRC_BYTES;

    /** The wire value of {@code ChangeRecord.NO_TIME}: all 64 bits set. */
    static final long NO_TIME = -1L;

    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private WireFormat() {}

    static String kindName(byte kind) {
        return switch (kind) {
            case KIND_BATCH -> "batch";
            case KIND_CHUNK -> "chunk";
            case KIND_HEARTBEAT -> "heartbeat";
            default -> String.format("unknown kind 0x%02x", kind & 0xFF);
        };
    }
}
