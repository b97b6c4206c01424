package org.ethercattle.ethereum.rpc;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages on their way to one WebSocket client, bounded: Jetty queues each text frame until the socket takes
 * it, and once more than {@code limit} are waiting the client is not keeping up. geth then drops the connection;
 * so does this, with a log line naming the client and the bound, rather than buffer without end for a reader that
 * may never catch up. Thread-safe: answers and notifications are sent from different threads.
 */
final class OutboundQueue {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

    private final Session session;
    private final int limit;
    private final Runnable onDrop;
    private final AtomicInteger unsent = new AtomicInteger();
    private final AtomicBoolean gone = new AtomicBoolean();

    /**
     * @param session the connection
     * @param limit the most messages waiting to be written
     * @param onDrop run once when the connection is dropped for falling behind
     */
    OutboundQueue(Session session, int limit, Runnable onDrop) {
        this.session = session;
        this.limit = limit;
        this.onDrop = onDrop;
    }

    /**
     * Queues one text message.
     *
     * @return false when the connection is gone (closed, failed, or dropped now for being too far behind)
     */
    boolean send(String text) {
        if (gone.get() || !session.isOpen()) {
            return false;
        }
        if (unsent.incrementAndGet() > limit) {
            drop();
            return false;
        }
        session.sendText(text, Callback.from(unsent::decrementAndGet, failure -> gone.set(true)));
        return true;
    }

    private void drop() {
        if (!gone.compareAndSet(false, true)) {
            return;
        }
        LOG.warn("dropping WebSocket client {}: more than {} messages wait unsent because it does not read them "
                + "(maxQueuedMessages); it cannot keep up with its subscriptions. The client must read faster or "
                + "subscribe to less, or the bound must be raised", session.getRemoteSocketAddress(), limit);
        // A close frame would queue behind the unread ones; cut the connection instead, as geth does.
        session.disconnect();
        onDrop.run();
    }
}
