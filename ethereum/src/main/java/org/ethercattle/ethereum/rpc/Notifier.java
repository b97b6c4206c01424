package org.ethercattle.ethereum.rpc;

/**
 * Where one subscription's results go: each {@link #send} becomes one {@code <namespace>_subscription}
 * notification, {@code {"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":ID,"result":...}}},
 * written as geth's notifier writes it.
 *
 * <p>Sending never blocks: the result is serialized at once and queued on the connection. Notifications of one
 * subscription reach the client in the order sent, and never before the client has the {@code *_subscribe}
 * answer carrying their id (until then they are held, as geth holds them). Thread-safe.
 */
public interface Notifier {

    /**
     * Queues one notification.
     *
     * @param result the {@code result}, serialized by Jackson as a method's result is
     * @return false when the subscription is over (unsubscribed, or its connection closed or dropped for not
     *     keeping up): the result was discarded and the source should stop producing
     */
    boolean send(Object result);
}
