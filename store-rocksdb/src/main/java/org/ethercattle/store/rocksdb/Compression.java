package org.ethercattle.store.rocksdb;

import org.rocksdb.CompressionType;

/** The block compressions the {@code compression} spec parameter accepts. */
enum Compression {
    NONE(CompressionType.NO_COMPRESSION),
    SNAPPY(CompressionType.SNAPPY_COMPRESSION),
    LZ4(CompressionType.LZ4_COMPRESSION),
    ZSTD(CompressionType.ZSTD_COMPRESSION);

    private final CompressionType type;

    Compression(CompressionType type) {
        this.type = type;
    }

    CompressionType type() {
        return type;
    }
}
