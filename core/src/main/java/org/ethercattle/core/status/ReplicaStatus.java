package org.ethercattle.core.status;

import java.util.List;
import java.util.Objects;
import org.ethercattle.api.log.Position;

/**
 * Everything a replica reports about itself at one moment; what {@code /status} shows. Immutable.
 *
 * @param streamId         the log stream replayed
 * @param readiness        the readiness verdict and the lag it was judged on
 * @param initialLogEnd    the log's end when the replica started: it is {@link Readiness#SYNCING} until it has
 *                         applied everything up to here; {@code null} when the log was empty
 * @param recordsApplied   records applied since this process started (heartbeats, duplicates not counted)
 * @param opsApplied       puts and deletes applied since this process started
 * @param bytesApplied     key plus value bytes applied since this process started
 * @param rates            apply rates over the recent window
 * @param rateWindowMillis the window those rates average over
 * @param policy           the readiness limits in force
 * @param producers        producers seen, from the checkpoint in the store, least recently applied first
 * @param heads            the configured head keys and their values in the store
 */
public record ReplicaStatus(
        String streamId,
        ReadinessReport readiness,
        Position initialLogEnd,
        long recordsApplied,
        long opsApplied,
        long bytesApplied,
        ApplyRate.Rates rates,
        long rateWindowMillis,
        ReadinessPolicy policy,
        List<ProducerStatus> producers,
        List<HeadStatus> heads) {

    public ReplicaStatus {
        Objects.requireNonNull(readiness, "readiness");
        producers = List.copyOf(producers);
        heads = List.copyOf(heads);
    }
}
