package org.ethercattle.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ethercattle.api.Database;
import org.ethercattle.ethereum.eth.HeadBlock;
import org.ethercattle.ethereum.types.Hex;

/**
 * The replica's head block for {@code /readyz}, {@code /status} and {@code /metrics}: its number, hash and age, and
 * with {@code --max-block-age} a readiness rule, not ready while the head block is older than that. Reads the
 * store's head marker on each call (two key reads and a header decode).
 */
final class HeadBlockCheck {

    private final Database store;
    private final Duration maxAge;
    private final Clock clock;

    /**
     * @param store the replica's store
     * @param maxAge the oldest head block a ready replica may have, or {@code null} for no such rule
     * @param clock the time the age is measured at
     */
    HeadBlockCheck(Database store, Duration maxAge, Clock clock) {
        this.store = store;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /**
     * The head block, if the store holds a geth chain; empty when it holds none, or when what its LastBlock
     * marker names does not decode as a geth header (a store of other data under geth's key names).
     */
    Optional<HeadBlock> head() {
        try {
            return HeadBlock.of(store);
        } catch (RuntimeException notAGethHeader) {
            return Optional.empty();
        }
    }

    /** Why the replica is not ready by this rule, if it is not: no head block, or one older than the limit. */
    Optional<String> notReady() {
        if (maxAge == null) {
            return Optional.empty();
        }
        Optional<HeadBlock> head = head();
        if (head.isEmpty()) {
            return Optional.of("the store holds no head block yet (--max-block-age " + maxAge.toSeconds() + "s)");
        }
        Duration age = head.get().age(clock.instant());
        if (age.compareTo(maxAge) > 0) {
            return Optional.of("head block " + head.get().number() + " is " + age.toSeconds() + " s old, older than"
                    + " --max-block-age " + maxAge.toSeconds() + " s: its master has stopped following the chain");
        }
        return Optional.empty();
    }

    /** The head block as {@code /status} shows it; empty without a chain. */
    Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        head().ifPresent(h -> {
            m.put("number", h.number());
            m.put("hash", Hex.data(h.hash()));
            m.put("time", h.time().toString());
            m.put("ageSeconds", h.age(clock.instant()).toSeconds());
        });
        if (maxAge != null) {
            m.put("maxAgeSeconds", maxAge.toSeconds());
        }
        return m;
    }

    /** The head block's age in seconds, NaN without a chain (for the metric). */
    double ageSeconds() {
        return head().map(h -> (double) h.age(clock.instant()).toMillis() / 1000).orElse(Double.NaN);
    }

    /** The head block's number, NaN without a chain (for the metric). */
    double number() {
        return head().map(h -> (double) h.number()).orElse(Double.NaN);
    }
}
