package org.ethercattle.ethereum.ethercattle;

import com.google.auto.service.AutoService;
import org.ethercattle.api.record.Codec;
import org.ethercattle.api.record.CodecProvider;

/** Registers {@link EtherCattleCodec} (with its default abandon limits) under the name {@code ethercattle}. */
@AutoService(CodecProvider.class)
public final class EtherCattleCodecProvider implements CodecProvider {

    private static final EtherCattleCodec CODEC = new EtherCattleCodec();

    @Override
    public String scheme() {
        return EtherCattleCodec.NAME;
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public String description() {
        return "the original Go Ether Cattle message format (go-ethereum fork, ethdb/cdc): RLP puts, batch"
                + " fragments with commits, heartbeats, ancient appends";
    }

    @Override
    public Codec codec() {
        return CODEC;
    }
}
