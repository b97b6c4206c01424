package org.ethercattle.ethereum.follow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ethercattle.ethereum.types.Header;

/**
 * The chain configuration a follower stores beside the genesis block ({@code ethereum-config-<genesis hash>}), for
 * readers that need one: a node's JSON-RPC does not hand out its configuration, so this is what can be known.
 * The chain id comes from {@code eth_chainId}; a fork is recorded as active from genesis exactly when the genesis
 * header carries that fork's field (London's base fee, Shanghai's withdrawals root, Cancun's blob gas, Prague's
 * requests hash), with the mainnet blob schedule for Cancun and Prague. A fork that activates after genesis is not
 * visible this way and is left out; answers that depend on it (the blob base fee of later blocks) may then differ
 * from the node's.
 */
public final class InferredConfig {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> PRE_LONDON_BLOCKS = List.of("homesteadBlock", "eip150Block", "eip155Block",
            "eip158Block", "byzantiumBlock", "constantinopleBlock", "petersburgBlock", "istanbulBlock",
            "berlinBlock", "londonBlock");

    private InferredConfig() {}

    /**
     * The configuration JSON of the chain with {@code chainId} and {@code genesis}.
     *
     * @return geth-style {@code config} JSON, UTF-8
     */
    public static byte[] of(BigInteger chainId, Header genesis) {
        ObjectNode config = MAPPER.createObjectNode();
        config.put("chainId", chainId);
        if (genesis.baseFee() != null) {
            PRE_LONDON_BLOCKS.forEach(fork -> config.put(fork, 0));
        }
        if (genesis.withdrawalsRoot() != null) {
            config.put("shanghaiTime", 0);
        }
        ObjectNode schedule = MAPPER.createObjectNode();
        if (genesis.blobGasUsed() != null) {
            config.put("cancunTime", 0);
            schedule.putObject("cancun").put("target", 3).put("max", 6).put("baseFeeUpdateFraction", 3338477);
        }
        if (genesis.requestsHash() != null) {
            config.put("pragueTime", 0);
            schedule.putObject("prague").put("target", 6).put("max", 9).put("baseFeeUpdateFraction", 5007716);
        }
        if (!schedule.isEmpty()) {
            config.set("blobSchedule", schedule);
        }
        return config.toString().getBytes(StandardCharsets.UTF_8);
    }
}
