package org.ethercattle.ethereum.eth;


import java.util.Arrays;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.chain.ChainConfig;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.state.StateReader;
import org.ethercattle.ethereum.state.StateScheme;

/**
 * The Ethereum JSON-RPC methods a replica serves from a geth database: {@code eth_*} reads of blocks, transactions,
 * receipts, state and fees, {@code debug_getRaw*}, {@code net_*} and {@code web3_*}. Methods that need an EVM or a
 * transaction pool are not here; a server answers them as geth answers an unknown method, or forwards them.
 */
public final class EthereumApi {

    /** What {@code web3_clientVersion} answers. */
    public static final String CLIENT_VERSION = "Cattle/v0.1.0/java" + Runtime.version().feature();

    private EthereumApi() {}

    /**
     * The methods over {@code db} and its ancient data.
     *
     * @throws IllegalStateException when the store is not a geth hash-scheme database with a genesis block and a
     *     chain configuration, naming what is missing and what to do
     */
    public static RpcMethods methods(Database db, Ancients ancients) {
        return methods(db, ancients, LogMethods.LogLimits.DEFAULTS);
    }

    /** The methods over {@code db} and its ancient data, with {@code eth_getLogs} bounded by {@code logLimits}. */
    public static RpcMethods methods(Database db, Ancients ancients, LogMethods.LogLimits logLimits) {
        StateScheme.requireHash(db, "the store served");
        ChainReader reader = new ChainReader(db, ancients);
        ChainConfig config = config(reader);
        ChainView view = new ChainView(reader);
        RpcMethods methods = new RpcMethods();
        new ChainMethods(view, config).register(methods);
        new StateMethods(view, new StateReader(db)).register(methods);
        new FeeMethods(view, config).register(methods);
        new LogMethods(view, logLimits).register(methods);
        new NodeMethods(CLIENT_VERSION, config.chainId()).register(methods);
        return methods;
    }

    /** The chain configuration geth stored beside the genesis block. */
    static ChainConfig config(ChainReader reader) {
        byte[] genesis = reader.canonicalHash(0).orElseThrow(() -> new IllegalStateException(
                "the store holds no genesis block (no canonical hash at height 0): it is not a geth database, or "
                        + "its replica has not replayed the chain's start yet"));
        byte[] key = Arrays.copyOf(Schema.CONFIG_PREFIX, Schema.CONFIG_PREFIX.length + 32);
        System.arraycopy(genesis, 0, key, Schema.CONFIG_PREFIX.length, 32);
        byte[] json = reader.database().get(key);
        if (json == null) {
            throw new IllegalStateException("the store holds no chain configuration (key ethereum-config-<genesis "
                    + "hash>): geth writes it at init; a store without it cannot say its chain id");
        }
        return ChainConfig.fromJson(json);
    }

}
