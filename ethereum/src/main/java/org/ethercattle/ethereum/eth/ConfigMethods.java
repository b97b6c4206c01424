package org.ethercattle.ethereum.eth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ethercattle.ethereum.chain.ChainConfig;
import org.ethercattle.ethereum.chain.ForkId;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.types.Header;
import org.ethercattle.ethereum.types.Hex;

/**
 * {@code eth_config} (EIP-7910): the fork in force at the head, the next scheduled one and the last one, each with
 * its activation time, blob schedule, chain id, EIP-2124 fork id, precompiles and system contracts, for the
 * timestamp-scheduled forks from Cancun on (the ones EIP-7910 describes).
 */
public final class ConfigMethods {

    private static final Map<String, String> UP_TO_CANCUN = precompiles(
            "ECREC", 1, "SHA256", 2, "RIPEMD160", 3, "ID", 4, "MODEXP", 5, "BN254_ADD", 6, "BN254_MUL", 7,
            "BN254_PAIRING", 8, "BLAKE2F", 9, "KZG_POINT_EVALUATION", 0x0a);
    private static final Map<String, String> PRAGUE = precompiles("BLS12_G1ADD", 0x0b, "BLS12_G1MSM", 0x0c,
            "BLS12_G2ADD", 0x0d, "BLS12_G2MSM", 0x0e, "BLS12_PAIRING_CHECK", 0x0f, "BLS12_MAP_FP_TO_G1", 0x10,
            "BLS12_MAP_FP2_TO_G2", 0x11);
    private static final Map<String, String> OSAKA = precompiles("P256VERIFY", 0x100);

    private final ChainView chain;
    private final ChainConfig config;

    /** The method over {@code chain} and its configuration. */
    public ConfigMethods(ChainView chain, ChainConfig config) {
        this.chain = chain;
        this.config = config;
    }

    /** Registers {@code eth_config} into {@code methods}. */
    public void register(RpcMethods methods) {
        methods.register("eth_config", List.of(), p -> configs());
    }

    private Object configs() throws RpcException {
        Header head = chain.latest();
        Header genesis = chain.reader().canonicalHeader(0)
                .orElseThrow(() -> RpcException.serverError("genesis block not found"));
        List<ChainConfig.BlobFork> forks = config.blobForks();
        Optional<ChainConfig.BlobFork> current = config.blobForkAt(head.time());
        ChainConfig.BlobFork next = forks.stream().filter(f -> f.time() > head.time()).findFirst().orElse(null);
        ChainConfig.BlobFork last = next == null ? null : forks.get(forks.size() - 1);
        ObjectNode out = Json.NODES.objectNode();
        out.set("current", current.map(f -> fork(f, genesis)).orElse(null));
        out.set("next", next == null ? null : fork(next, genesis));
        out.set("last", last == null ? null : fork(last, genesis));
        return out;
    }

    private ObjectNode fork(ChainConfig.BlobFork f, Header genesis) {
        int order = config.blobForks().indexOf(f);
        Map<String, String> precompiles = new TreeMap<>(UP_TO_CANCUN);
        if (order >= 1) {
            precompiles.putAll(PRAGUE);
        }
        if (order >= 2) {
            precompiles.putAll(OSAKA);
        }
        Map<String, String> system = new TreeMap<>();
        system.put("BEACON_ROOTS_ADDRESS", "0x000f3df6d732807ef1319fb7b8bb8522d0beac02");
        if (order >= 1) {
            system.put("CONSOLIDATION_REQUEST_PREDEPLOY_ADDRESS", "0x0000bbddc7ce488642fb579f8b00f3a590007251");
            system.put("DEPOSIT_CONTRACT_ADDRESS",
                    config.json().path("depositContractAddress").asText("0x0000000000000000000000000000000000000000")
                            .toLowerCase());
            system.put("HISTORY_STORAGE_ADDRESS", "0x0000f90827f1c53a10cb7a02335b175320002935");
            system.put("WITHDRAWAL_REQUEST_PREDEPLOY_ADDRESS", "0x00000961ef480eb55e80d19ad83579a64c007002");
        }
        long forkId = ForkId.at(genesis.hash(), genesis.time(), config.json(), Long.MAX_VALUE, f.time());
        ObjectNode node = Json.NODES.objectNode();
        node.put("activationTime", f.time());
        node.set("blobSchedule", Json.NODES.objectNode().put("target", f.target()).put("max", f.max())
                .put("baseFeeUpdateFraction", f.updateFraction()));
        node.put("chainId", Hex.quantity(config.chainId()));
        node.put("forkId", String.format("0x%08x", forkId));
        node.set("precompiles", Json.NODES.pojoNode(precompiles));
        node.set("systemContracts", Json.NODES.pojoNode(system));
        return node;
    }

    private static Map<String, String> precompiles(Object... nameAndAddress) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndAddress.length; i += 2) {
            out.put((String) nameAndAddress[i], String.format("0x%040x", (Integer) nameAndAddress[i + 1]));
        }
        return out;
    }
}
