package org.ethercattle.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ethercattle.api.log.Position;
import org.ethercattle.core.status.HeadStatus;
import org.ethercattle.core.status.ProducerStatus;
import org.ethercattle.core.status.ReadinessReport;
import org.ethercattle.core.status.ReplicaStatus;

/** The JSON shapes of {@code /readyz} and {@code /status}; documented in docs/operations.md. */
final class StatusJson {

    private StatusJson() {}

    /**
     * {@code {"ready":false,"reason":"syncing","detail":"...","position":"file:41","logEnd":"file:99",
     * "lagRecords":58,"lagSeconds":3.2,"newestRecordTime":"2026-...Z"}}.
     */
    static Map<String, Object> readiness(ReadinessReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ready", r.isReady());
        m.put("reason", r.readiness().reason());
        m.put("detail", r.detail());
        m.put("position", text(r.position()));
        m.put("logEnd", text(r.logEnd()));
        m.put("lagRecords", r.lagRecords());
        m.put("lagSeconds", r.lagSeconds());
        m.put("newestRecordTime", time(r.newestRecordTimeMillis()));
        return m;
    }

    /** The full status: stream, readiness, lag, applied counters, rates, limits, producers, heads. */
    static Map<String, Object> status(ReplicaStatus s) {
        ReadinessReport r = s.readiness();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stream", s.streamId());
        m.put("ready", r.isReady());
        m.put("reason", r.readiness().reason());
        m.put("detail", r.detail());
        m.put("position", text(r.position()));
        m.put("logEnd", text(r.logEnd()));
        m.put("initialLogEnd", text(s.initialLogEnd()));
        Map<String, Object> lag = new LinkedHashMap<>();
        lag.put("records", r.lagRecords());
        lag.put("seconds", r.lagSeconds());
        m.put("lag", lag);
        m.put("newestRecordTime", time(r.newestRecordTimeMillis()));
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("records", s.recordsApplied());
        applied.put("ops", s.opsApplied());
        applied.put("bytes", s.bytesApplied());
        m.put("applied", applied);
        Map<String, Object> rate = new LinkedHashMap<>();
        rate.put("recordsPerSecond", round(s.rates().recordsPerSecond()));
        rate.put("opsPerSecond", round(s.rates().opsPerSecond()));
        rate.put("bytesPerSecond", round(s.rates().bytesPerSecond()));
        rate.put("windowSeconds", s.rateWindowMillis() / 1000.0);
        m.put("rate", rate);
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("maxLagRecords", s.policy().maxLagRecords());
        limits.put("maxAgeSeconds", s.policy().maxAge().toMillis() / 1000.0);
        limits.put("waitsForStoreUpkeep", s.policy().waitsForStoreUpkeep());
        m.put("limits", limits);
        List<Object> producers = new ArrayList<>();
        for (ProducerStatus p : s.producers()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.id().toString());
            pm.put("lastSequence", p.lastSequence());
            pm.put("lastTime", time(p.lastTimeMillis()));
            producers.add(pm);
        }
        m.put("producers", producers);
        Map<String, Object> heads = new LinkedHashMap<>();
        for (HeadStatus h : s.heads()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("value", h.valueHex());
            hm.put("number", h.blockNumber());
            heads.put(h.name(), hm);
        }
        m.put("heads", heads);
        return m;
    }

    private static String text(Position position) {
        return position == null ? null : position.toString();
    }

    private static String time(long millis) {
        return millis < 0 ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
