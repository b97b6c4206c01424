package org.ethercattle.ethereum.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The subscriptions of one connection, which {@link RpcDispatcher} consults for {@code *_subscribe} and
 * {@code *_unsubscribe} calls. A transport without push (HTTP) has none, and the dispatcher answers those calls
 * as geth answers them over HTTP.
 */
interface SubscriptionContext {

    /**
     * Opens a subscription (geth's {@code handleSubscribe}).
     *
     * @param namespace the method's namespace, such as {@code eth}
     * @param params the raw {@code params}, or null when absent
     * @return the new subscription's id
     * @throws RpcException geth's errors: a missing name, an unknown kind, invalid parameters; or the bound on
     *     subscriptions per connection
     */
    String subscribe(String namespace, JsonNode params) throws RpcException;

    /**
     * Ends a subscription of this connection (geth's {@code unsubscribe}: any namespace's method ends any id).
     *
     * @return true once ended
     * @throws RpcException -32000 "subscription not found" when the id is not active on this connection
     */
    boolean unsubscribe(String id) throws RpcException;
}
