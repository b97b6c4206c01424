package org.ethercattle.api.replay;

import java.util.List;
import org.ethercattle.api.Database;

/** No head markers; see {@link ChainHeads#none()}. */
final class NoChainHeads implements ChainHeads {

    static final NoChainHeads INSTANCE = new NoChainHeads();

    private NoChainHeads() {}

    @Override
    public List<byte[]> keys() {
        return List.of();
    }

    @Override
    public Long blockNumber(Database store, byte[] headValue) {
        return null;
    }

    @Override
    public String toString() {
        return "ChainHeads.none()";
    }
}
