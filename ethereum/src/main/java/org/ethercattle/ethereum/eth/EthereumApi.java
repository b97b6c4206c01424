package org.ethercattle.ethereum.eth;


import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.chain.ChainConfig;
import org.ethercattle.ethereum.follow.FollowedStore;
import org.ethercattle.ethereum.follow.StateNotReplicated;
import org.ethercattle.ethereum.rawdb.Ancients;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rawdb.Schema;
import org.ethercattle.ethereum.rpc.Param;
import org.ethercattle.ethereum.rpc.ParamType;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.state.StateReader;
import org.ethercattle.ethereum.state.StateScheme;
import org.ethercattle.ethereum.tx.PoolLimits;
import org.ethercattle.ethereum.tx.SendRawTransaction;
import org.ethercattle.ethereum.tx.TransactionValidator;
import org.ethercattle.ethereum.tx.TxLog;
import org.ethercattle.ethereum.upstream.Upstream;

/**
 * The Ethereum JSON-RPC methods a replica serves from a geth database: {@code eth_*} reads of blocks, transactions,
 * receipts, state and fees, the polling filters ({@link PollingFilters}), {@code debug_getRaw*}, {@code net_*} and
 * {@code web3_*}. Methods that need an EVM or a transaction pool are forwarded to an {@link Upstream} when one is
 * given and otherwise answer -32601 naming {@code --rpc-upstream}; {@code eth_sendRawTransaction} checks a
 * transaction and publishes it to a {@link TxLog}.
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
        return methods(db, ancients, logLimits, null, Upstream.none());
    }

    /**
     * The methods over {@code db}, with {@code eth_sendRawTransaction} publishing to {@code txLog} (null: none, and
     * the method answers -32601 naming {@code --tx-log}) and the methods a replica cannot compute forwarded to
     * {@code upstream} ({@link Upstream#none()}: they answer -32601 naming {@code --rpc-upstream}). Transactions
     * are checked against the store's chain id and head block, and its head state when it holds it.
     */
    public static RpcMethods methods(Database db, Ancients ancients, LogMethods.LogLimits logLimits, TxLog txLog,
            Upstream upstream) {
        StateScheme.requireHash(db, "the store served");
        ChainReader reader = new ChainReader(db, ancients);
        ChainConfig config = config(reader);
        ChainView view = new ChainView(reader);
        RpcMethods methods = new RpcMethods();
        Senders senders = new Senders(Senders.DEFAULT_CAPACITY);
        new ChainMethods(view, config, senders).register(methods);
        if (FollowedStore.source(db).isPresent()) {
            StateNotReplicated.register(methods);
        } else {
            new StateMethods(view, new StateReader(db)).register(methods);
        }
        new FeeMethods(view, config, senders).register(methods);
        LogMethods logMethods = new LogMethods(view, logLimits);
        logMethods.register(methods);
        // Polling filters need no thread (each reads the store when polled), so they are served wherever methods are.
        new PollingFilters(reader, logMethods, PollingFilters.Limits.GETH_DEFAULTS, InstantSource.system())
                .register(methods);
        new NodeMethods(CLIENT_VERSION, config.chainId()).register(methods);
        new ConfigMethods(view, config).register(methods);
        // A followed store has blocks but no state: nonce and balance are left to the node the relay submits to.
        StateReader txState = FollowedStore.source(db).isPresent() ? null : new StateReader(db);
        new SendRawTransaction(new TransactionValidator(config, view::latest, txState, PoolLimits.GETH_DEFAULTS),
                txLog).register(methods);
        upstream.register(methods);
        return methods;
    }

    /**
     * Registers the {@code eth_subscribe} kinds {@code newHeads} and {@code logs} into {@code methods} (served over a
     * WebSocket only; see {@link org.ethercattle.ethereum.rpc.WebSocketOptions}), fed by a {@link HeadWatcher} that
     * polls the store's head block marker every {@code pollInterval}. A {@code logs} subscription from a past block
     * spans at most {@code logLimits.maxBlockRange()} blocks of history.
     *
     * @return the started watcher; the caller closes it when the server stops
     */
    public static HeadWatcher subscriptions(RpcMethods methods, Database db, Ancients ancients, Duration pollInterval,
            LogMethods.LogLimits logLimits) {
        ChainReader reader = new ChainReader(db, ancients);
        HeadWatcher watcher = new HeadWatcher(reader);
        methods.registerSubscription("eth", "newHeads", List.of(), new NewHeadsSubscription(watcher));
        methods.registerSubscription("eth", "logs", List.of(Param.required(ParamType.JSON)),
                new LogsSubscription(watcher, new ChainView(reader), logLimits.maxBlockRange()));
        return watcher.start(pollInterval);
    }

    /** The chain configuration geth stored beside the genesis block. */
    static ChainConfig config(ChainReader reader) {
        byte[] genesis = reader.canonicalHash(0).orElseThrow(() -> new IllegalStateException(
                "the store holds no genesis block (no canonical hash at height 0): it is not a geth database, or "
                        + "its replica has not replayed the chain's start yet"));
        byte[] json = reader.database().get(Schema.config(genesis));
        if (json == null) {
            throw new IllegalStateException("the store holds no chain configuration (key ethereum-config-<genesis "
                    + "hash>): geth writes it at init; a store without it cannot say its chain id");
        }
        return ChainConfig.fromJson(json);
    }

}
