package org.ethercattle.ethereum.tx;

import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.types.Header;

/** Where the validator reads the head block, whose forks, gas limit and state a new transaction is checked against. */
@FunctionalInterface
public interface HeadSource {

    /**
     * The current head block's header.
     *
     * @throws RpcException when the store holds no head block, with the error answered to the client
     */
    Header head() throws RpcException;
}
