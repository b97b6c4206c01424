package org.ethercattle.ethereum.rpc;

/**
 * One kind of subscription a namespace offers, such as eth's {@code newHeads} or {@code logs}, registered with
 * {@link RpcMethods#registerSubscription} and opened by {@code <namespace>_subscribe} over a WebSocket.
 *
 * <p>Implementations must be thread-safe: connections open and cancel subscriptions concurrently.
 */
@FunctionalInterface
public interface SubscriptionSource {

    /**
     * Starts a subscription that sends its results to {@code notifier} until the returned handle is run.
     *
     * @param params the {@code *_subscribe} parameters decoded against the registered signature, which is preceded
     *     by the subscription name: parameter 0 is the name (a {@link ParamType#STRING}), the source's own
     *     parameters start at 1, and error texts count them that way (geth's "invalid argument 1: ...")
     * @param notifier where the results go
     * @return what ends the subscription: run once on {@code *_unsubscribe} or when the connection closes; it must
     *     not block
     * @throws RpcException to refuse the subscription with that error (no subscription is then created)
     */
    Runnable open(Params params, Notifier notifier) throws RpcException;
}
