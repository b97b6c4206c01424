package org.ethercattle.ethereum.tx;

import java.util.List;
import org.ethercattle.ethereum.rpc.Param;
import org.ethercattle.ethereum.rpc.ParamType;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.types.Transaction;

/**
 * {@code eth_sendRawTransaction(data)} on a replica: the transaction is checked by a {@link TransactionValidator},
 * published to the {@link TxLog} and its hash answered, as geth answers it once its pool has taken a transaction.
 * Without a transaction log the method answers -32601 naming {@code --tx-log}.
 */
public final class SendRawTransaction {

    /** The method's name. */
    public static final String METHOD = "eth_sendRawTransaction";
    /** What the method answers when the replica has no transaction log. */
    public static final String NO_TX_LOG = "the method " + METHOD + " does not exist/is not available: this "
            + "replica publishes transactions only with --tx-log SPEC (a log that cattle txrelay submits to a node)";

    private final TransactionValidator validator;
    private final TxLog log;

    /**
     * @param validator the checks a transaction must pass
     * @param log where valid transactions go, or null when the replica has none
     */
    public SendRawTransaction(TransactionValidator validator, TxLog log) {
        this.validator = validator;
        this.log = log;
    }

    /** Registers {@code eth_sendRawTransaction}. */
    public void register(RpcMethods methods) {
        methods.register(METHOD, List.of(Param.required(ParamType.BYTES)), params -> {
            if (log == null) {
                throw new RpcException(RpcException.METHOD_NOT_FOUND, NO_TX_LOG);
            }
            byte[] raw = params.bytes(0);
            Transaction tx = validator.validate(raw);
            log.publish(raw);
            return Hex.data(tx.hash());
        });
    }
}
