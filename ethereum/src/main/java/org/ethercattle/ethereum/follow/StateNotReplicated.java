package org.ethercattle.ethereum.follow;

import static org.ethercattle.ethereum.rpc.Param.optional;
import static org.ethercattle.ethereum.rpc.Param.required;
import static org.ethercattle.ethereum.rpc.ParamType.ADDRESS;
import static org.ethercattle.ethereum.rpc.ParamType.BLOCK_NUMBER_OR_HASH;
import static org.ethercattle.ethereum.rpc.ParamType.JSON;
import static org.ethercattle.ethereum.rpc.ParamType.STRING;

import java.util.List;
import org.ethercattle.ethereum.rpc.Param;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.RpcMethods;

/**
 * The state methods of a store a {@link NodeFollower} feeds: it has blocks, receipts and logs but no state trie, so
 * {@code eth_getBalance}, {@code eth_getTransactionCount}, {@code eth_getCode}, {@code eth_getStorageAt}, {@code
 * eth_getStorageValues} and {@code eth_getProof} answer {@link FollowedStore#STATE_NOT_REPLICATED} (-32000) for
 * every block, instead of a missing-trie-node error, or worse, the empty state's zeros where a block's state root
 * happens to be the empty root. Parameters are declared as the real methods declare them, so a malformed request
 * still gets geth's parameter error.
 */
public final class StateNotReplicated {

    private static final List<Param> ACCOUNT_AT = List.of(required(ADDRESS), optional(BLOCK_NUMBER_OR_HASH));

    private StateNotReplicated() {}

    /** Registers the six state methods into {@code methods}, each answering "state not replicated". */
    public static void register(RpcMethods methods) {
        methods.register("eth_getBalance", ACCOUNT_AT, p -> refuse());
        methods.register("eth_getTransactionCount", ACCOUNT_AT, p -> refuse());
        methods.register("eth_getCode", ACCOUNT_AT, p -> refuse());
        methods.register("eth_getStorageAt", List.of(required(ADDRESS), required(STRING),
                optional(BLOCK_NUMBER_OR_HASH)), p -> refuse());
        methods.register("eth_getStorageValues", List.of(required(JSON), optional(BLOCK_NUMBER_OR_HASH)),
                p -> refuse());
        methods.register("eth_getProof", List.of(required(ADDRESS), required(JSON), required(BLOCK_NUMBER_OR_HASH)),
                p -> refuse());
    }

    private static Object refuse() throws RpcException {
        throw RpcException.serverError(FollowedStore.STATE_NOT_REPLICATED);
    }
}
