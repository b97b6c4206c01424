package org.ethercattle.log.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.util.Optional;
import org.ethercattle.api.log.LogException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JetStream stream behind one spec, seen through one connection: created when missing (file storage,
 * one subject, the spec's deduplication window and retention), checked to hold the spec's subject, and
 * asked for its bounds. Not thread-safe beyond what the connection is.
 */
final class NatsStream {

    private static final Logger LOG = LoggerFactory.getLogger(NatsStream.class);

    /** JetStream's API error code for "stream not found". */
    private static final int STREAM_NOT_FOUND = 10059;
    /** JetStream's API error code for "stream name already in use with a different configuration". */
    private static final int STREAM_NAME_IN_USE = 10058;

    private final NatsLogOptions options;
    private final JetStreamManagement management;

    NatsStream(NatsLogOptions options, Connection connection) {
        this.options = options;
        try {
            this.management = connection.jetStreamManagement();
        } catch (IOException e) {
            throw LogException.fatal("JetStream is not available on " + options.connection().servers()
                    + "; start nats-server with -js (" + e.getMessage() + ")", e);
        }
    }

    /** Makes sure the stream exists (creating it when allowed) and holds the spec's subject; returns its info. */
    StreamInfo ensure() {
        Optional<StreamInfo> info = find();
        if (info.isEmpty()) {
            if (!options.createStream()) {
                throw LogException.fatal("JetStream stream " + options.stream() + " does not exist on "
                        + options.connection().servers() + "; create it (subject " + options.subject()
                        + ") or leave out createStream=false");
            }
            info = Optional.of(create());
        }
        StreamConfiguration config = info.get().getConfiguration();
        if (!config.getSubjects().contains(options.subject())) {
            throw LogException.fatal("JetStream stream " + options.stream() + " holds subjects " + config.getSubjects()
                    + ", not " + options.subject() + "; give the stream's subject with subject=<subject>");
        }
        if (config.getDuplicateWindow() != null && config.getDuplicateWindow().compareTo(options.retryFor()) < 0) {
            LOG.warn("stream {} deduplicates within {}, shorter than the producer's retryFor {}: a message retried"
                    + " late may be stored twice (replicas skip such duplicates by producer sequence)",
                    options.stream(), config.getDuplicateWindow(), options.retryFor());
        }
        return info.get();
    }

    /** The stream's current state: first and last sequence, message count. */
    StreamState state() {
        return find().orElseThrow(() -> LogException.fatal("JetStream stream " + options.stream()
                + " no longer exists on " + options.connection().servers()
                + "; it was deleted: recreate the replica from a snapshot of a new stream")).getStreamState();
    }

    private Optional<StreamInfo> find() {
        try {
            return Optional.of(management.getStreamInfo(options.stream()));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return Optional.empty();
            }
            throw apiError("read", e);
        } catch (IOException e) {
            throw unreachable("read", e);
        } catch (IllegalStateException e) {
            // jnats' word for "not connected right now" (reconnecting, or its buffer is full).
            throw unreachable("read", new IOException(e.getMessage(), e));
        }
    }

    private StreamInfo create() {
        StreamConfiguration.Builder config = StreamConfiguration.builder()
                .name(options.stream())
                .subjects(options.subject())
                .storageType(StorageType.File)
                .replicas(options.replicas())
                .duplicateWindow(options.duplicateWindow())
                .discardPolicy(DiscardPolicy.Old)
                .maxMessages(options.maxMsgs())
                .maxBytes(options.maxBytes());
        if (!options.maxAge().isZero()) {
            config.maxAge(options.maxAge());
        }
        try {
            StreamInfo info = management.addStream(config.build());
            LOG.info("created JetStream stream {} (subject {}, file storage, dedup window {})",
                    options.stream(), options.subject(), options.duplicateWindow());
            return info;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NAME_IN_USE) {
                // Another producer or consumer created it first (with other settings): use theirs.
                return find().orElseThrow(() -> apiError("create", e));
            }
            throw apiError("create", e);
        } catch (IOException e) {
            throw unreachable("create", e);
        } catch (IllegalStateException e) {
            throw unreachable("create", new IOException(e.getMessage(), e));
        }
    }

    private LogException apiError(String action, JetStreamApiException e) {
        return LogException.fatal("cannot " + action + " JetStream stream " + options.stream() + " on "
                + options.connection().servers() + ": " + e.getMessage()
                + "; check the account's JetStream limits and permissions", e);
    }

    private LogException unreachable(String action, IOException e) {
        return LogException.retriable("cannot " + action + " JetStream stream " + options.stream() + ": NATS at "
                + options.connection().servers() + " did not answer (" + e.getMessage()
                + "); retry once the server is back", e);
    }
}
