package org.ethercattle.examples.mvstore;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * MVStore key and value type for {@code byte[]}, ordered as <b>unsigned</b> bytes ({@code 0xFF} after
 * {@code 0x00}, a key after its prefixes), which is the order Cattle's {@link org.ethercattle.api.Database}
 * promises. H2's own {@code ByteArrayDataType} stores byte arrays but does not order them (it inherits
 * {@code BasicDataType.compare}, which throws), so a map keyed by byte arrays needs this type.
 *
 * <p>On disk: the length as a variable-length int, then the bytes. MVStore does not record a plain map's
 * types in the file, so every open of the map must pass this type again ({@link MvStoreDatabase} does).
 */
final class UnsignedBytesType extends BasicDataType<byte[]> {

    static final UnsignedBytesType INSTANCE = new UnsignedBytesType();

    private static final byte[][] EMPTY = new byte[0][];

    private UnsignedBytesType() {}

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int getMemory(byte[] data) {
        return data.length + 24; // the array and its header, roughly: only a cache-size estimate
    }

    @Override
    public void write(WriteBuffer buffer, byte[] data) {
        buffer.putVarInt(data.length).put(data);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        byte[] data = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(data);
        return data;
    }

    @Override
    public byte[][] createStorage(int size) {
        return size == 0 ? EMPTY : new byte[size][];
    }
}
