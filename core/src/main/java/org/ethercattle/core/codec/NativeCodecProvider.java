package org.ethercattle.core.codec;

import com.google.auto.service.AutoService;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.CodecProvider;

/** Registers {@link NativeCodec} (with its default abandon limits) under the name {@code cattle}. */
@AutoService(CodecProvider.class)
public final class NativeCodecProvider implements CodecProvider {

    private static final NativeCodec CODEC = new NativeCodec();

    @Override
    public String scheme() {
        return NativeCodec.NAME;
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "cattle/1, the native wire format: CRC32C-checked messages, producer sequences, chunked batches";
    }

    @Override
    public Codec codec() {
        return CODEC;
    }
}
