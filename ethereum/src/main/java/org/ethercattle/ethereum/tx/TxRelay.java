package org.ethercattle.ethereum.tx;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ethercattle.api.log.LogConsumer;
import org.ethercattle.api.log.LogEntry;
import org.ethercattle.api.log.LogException;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.types.Hex;
import org.ethercattle.ethereum.upstream.JsonRpcClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the transaction log ({@link TxLog}) and submits each transaction to a node with
 * {@code eth_sendRawTransaction}, in log order, one at a time.
 *
 * <ul>
 *   <li><b>Outcomes.</b> The node accepting it (or answering "already known") counts as submitted; a JSON-RPC error
 *       answer (nonce too low, underpriced, ...) as rejected, logged and not retried: the node has judged it. The node
 *       not answering (refused connection, timeout, HTTP error) is transient: the attempt is retried with doubling
 *       delays until it succeeds or the transaction outlives its TTL, when it is dropped as expired.</li>
 *   <li><b>Checkpoint.</b> After each transaction's outcome its position is saved to the {@link RelayCheckpoint}, and
 *       a restarted relay resumes after it: what was sent is not sent again. A crash between submitting and saving
 *       resends that one transaction, which a node answers "already known" or "nonce too low" (at least once).</li>
 *   <li><b>TTL.</b> Age is measured from the time the log accepted the message; entries of a log that keeps no
 *       time never expire.</li>
 * </ul>
 *
 * <p>Not thread-safe: one thread runs it; {@link #stop()} may be called from any thread.
 */
public final class TxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(TxRelay.class);
    private static final String SEND = "eth_sendRawTransaction";

    private final LogConsumer log;
    private final RelayCheckpoint checkpoint;
    private final JsonRpcClient node;
    private final RelaySettings settings;
    private final Clock clock;
    private final RelayCounters counters = new RelayCounters();
    private volatile boolean stopped;
    private boolean resumed;

    /**
     * @param log the transaction log, owned by the caller
     * @param checkpoint where progress is saved
     * @param node the node submitted to
     * @param settings TTL, polling and retry pacing
     * @param clock the clock ages are measured with
     */
    public TxRelay(LogConsumer log, RelayCheckpoint checkpoint, JsonRpcClient node, RelaySettings settings,
            Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.node = Objects.requireNonNull(node, "node");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the relay has done so far. */
    public RelayCounters counters() {
        return counters;
    }

    /**
     * Relays until {@link #stop()} is called. A retriable log failure (a broker briefly away) is logged and polled
     * again after a pause; any other failure ends the run with its exception.
     */
    public void run() {
        while (!stopped) {
            try {
                relayOnce();
            } catch (LogException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                LOG.warn("txrelay: reading {} failed ({}); polling again", log.streamId(), e.getMessage());
                sleep(settings.maxRetryDelay());
            }
        }
    }

    /** Makes {@link #run()} return after the transaction in hand; a transaction being retried is left unsaved. */
    public void stop() {
        stopped = true;
    }

    /**
     * Polls the log once (resuming from the checkpoint on the first call) and relays what it returned.
     *
     * @return the number of transactions done with (submitted, rejected or expired) in this poll
     */
    public int relayOnce() {
        resume();
        List<LogEntry> entries = log.poll(settings.pollTimeout());
        int done = 0;
        for (LogEntry entry : entries) {
            if (stopped || !relay(entry)) {
                break;
            }
            checkpoint.save(log.streamId(), entry.position().toBytes());
            done++;
        }
        return done;
    }

    private void resume() {
        if (resumed) {
            return;
        }
        Optional<byte[]> saved = checkpoint.load(log.streamId());
        if (saved.isPresent()) {
            log.seek(log.positionFromBytes(saved.get()));
            LOG.info("txrelay: resuming {} after {}", log.streamId(), log.positionFromBytes(saved.get()));
        } else {
            log.seekToStart();
            LOG.info("txrelay: no checkpoint in {}; starting at the oldest transaction of {}", checkpoint.file(),
                    log.streamId());
        }
        resumed = true;
    }

    /** Relays one entry; false when stopped before its outcome was known. */
    private boolean relay(LogEntry entry) {
        Duration delay = settings.firstRetryDelay();
        while (true) {
            if (expired(entry)) {
                counters.countExpired();
                LOG.warn("txrelay: dropped the transaction at {}: older than the TTL of {}", entry.position(),
                        settings.ttl());
                return true;
            }
            try {
                node.call(SEND, JsonNodeFactory.instance.arrayNode().add(Hex.data(entry.payload())));
                counters.countSubmitted();
                return true;
            } catch (RpcException e) {
                if (e.getMessage().startsWith("already known")) {
                    counters.countSubmitted();
                } else {
                    counters.countRejected();
                    LOG.warn("txrelay: {} rejected the transaction at {}: {}", node.url(), entry.position(),
                            e.getMessage());
                }
                return true;
            } catch (IOException e) {
                LOG.warn("txrelay: {} did not take the transaction at {} ({}); retrying in {} ms", node.url(),
                        entry.position(), e.getMessage(), delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
                return false;
            }
            counters.countRetry();
            if (!sleep(delay) || stopped) {
                return false;
            }
            delay = delay.multipliedBy(2).compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay()
                    : delay.multipliedBy(2);
        }
    }

    private boolean expired(LogEntry entry) {
        return entry.timeMillis() >= 0 && clock.millis() - entry.timeMillis() > settings.ttl().toMillis();
    }

    private boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return false;
        }
    }
}
