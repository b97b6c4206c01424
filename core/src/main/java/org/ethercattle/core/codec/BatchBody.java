package org.ethercattle.core.codec;

import java.util.ArrayList;
import java.util.List;
import org.ethercattle.api.log.Position;
import org.ethercattle.api.record.Op;

/**
 * The body of a batch: {@code varint op count}, then per op {@code op byte, varint key length, key} and,
 * for a put, {@code varint value length, value}.
 */
final class BatchBody {

    /** The smallest op: an op byte and a zero key length. Bounds the op count a body can claim. */
    private static final int MIN_OP_BYTES = 2;

    private BatchBody() {}

    /** Bytes the body of {@code ops} takes; a {@code long} so that oversized batches are caught, not wrapped. */
    static long size(List<Op> ops) {
        long size = Varint.size(ops.size());
        for (int i = 0, n = ops.size(); i < n; i++) {
            Op op = ops.get(i);
            size += 1 + Varint.size(op.key().length) + op.key().length;
            if (op.type() == Op.Type.PUT) {
                size += Varint.size(op.value().length) + op.value().length;
            }
        }
        return size;
    }

    /** Writes the body of {@code ops} at {@code offset}; returns the offset after it. */
    static int write(List<Op> ops, byte[] out, int offset) {
        offset = Varint.write(out, offset, ops.size());
        for (int i = 0, n = ops.size(); i < n; i++) {
            Op op = ops.get(i);
            byte[] key = op.key();
            out[offset++] = op.type() == Op.Type.PUT ? WireFormat.OP_PUT : WireFormat.OP_DELETE;
            offset = Varint.write(out, offset, key.length);
            System.arraycopy(key, 0, out, offset, key.length);
            offset += key.length;
            if (op.type() == Op.Type.PUT) {
                byte[] value = op.value();
                offset = Varint.write(out, offset, value.length);
                System.arraycopy(value, 0, out, offset, value.length);
                offset += value.length;
            }
        }
        return offset;
    }

    /**
     * Reads the ops of the body in {@code bytes[offset, end)}, which must hold exactly one body. Keys and
     * values are copied out once each; nothing else is.
     */
    static List<Op> read(byte[] bytes, int offset, int end, Position position) {
        ByteReader in = new ByteReader(bytes, offset, end, position, "batch body");
        int count = in.varint("op count");
        if (count > in.remaining() / MIN_OP_BYTES) {
            throw in.corrupt("op count " + count + " cannot fit in the " + in.remaining()
                    + " bytes left in the batch body");
        }
        List<Op> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            in.atOp(i);
            byte type = in.readByte("type");
            byte[] key = in.bytes(in.varint("key length"), "key");
            if (type == WireFormat.OP_PUT) {
                byte[] value = in.bytes(in.varint("value length"), "value");
                ops.add(new Op(Op.Type.PUT, key, value));
            } else if (type == WireFormat.OP_DELETE) {
                ops.add(new Op(Op.Type.DELETE, key, null));
            } else {
                throw in.corrupt(String.format("op %d has unknown type 0x%02x (cattle/1 knows 0x01 put, 0x02 delete)",
                        i, type & 0xFF));
            }
        }
        in.atOp(-1);
        if (in.remaining() != 0) {
            throw in.corrupt(in.remaining() + " bytes follow the last of the " + count + " ops in the batch body");
        }
        return ops;
    }
}
