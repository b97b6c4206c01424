package org.ethercattle.ethereum.tx;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ethercattle.api.log.LogProducer;
import org.ethercattle.api.log.Position;
import org.ethercattle.ethereum.rpc.RpcException;

/**
 * The transaction log a replica publishes submitted transactions to ({@code --tx-log SPEC}): each message is one
 * transaction's raw bytes exactly as the client sent them (for a blob transaction, its network form with the
 * sidecar), which {@link TxRelay} reads and submits to a node.
 *
 * <p>{@link #publish} returns only once the log has acknowledged the message, so a hash answered to a client is a
 * transaction the relay will see. Thread-safe: the producer is. The log is not closed here; its owner closes it.
 */
public final class TxLog {

    private final LogProducer producer;
    private final String spec;
    private final Duration timeout;

    /**
     * @param producer the log's producer
     * @param spec the log's spec, named in errors
     * @param timeout how long to wait for the log's acknowledgement
     */
    public TxLog(LogProducer producer, String spec, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Appends {@code raw} and waits for the acknowledgement.
     *
     * @return where it landed
     * @throws RpcException -32000 naming the log when it does not accept the message in time, so the client knows
     *     the transaction was not taken and may resend it
     */
    public Position publish(byte[] raw) throws RpcException {
        if (raw.length > producer.maxMessageBytes()) {
            throw RpcException.serverError("oversized data: transaction size " + raw.length + ", limit "
                    + producer.maxMessageBytes() + " (the largest message the transaction log " + spec + " takes)");
        }
        try {
            return producer.append(raw.clone()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the server is stopping");
        } catch (ExecutionException e) {
            throw unavailable(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw unavailable("no acknowledgement within " + timeout.toMillis() + " ms");
        } catch (RuntimeException e) {
            throw unavailable(String.valueOf(e.getMessage()));
        }
    }

    private RpcException unavailable(String why) {
        return RpcException.serverError("transaction not accepted: the transaction log " + spec
                + " did not take it (" + why + "); send it again later");
    }
}
