package org.ethercattle.ethereum.follow;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;

/**
 * The marker a {@link NodeFollower} leaves in its store: key {@value #KEY_TEXT}, value the node it follows. A
 * followed store has chain data but no state, so whoever serves it can tell state reads apart from a damaged
 * state trie and answer {@link #STATE_NOT_REPLICATED} instead of geth's "missing trie node".
 */
public final class FollowedStore {

    /** The marker key, as text. */
    public static final String KEY_TEXT = "cattle-followed-rpc";

    /** What a state method over a followed store should answer. */
    public static final String STATE_NOT_REPLICATED = "state not replicated: this store is fed by --follow-rpc, "
            + "which copies chain data only; ask the node itself (or a replica of a geth master) for state";

    private static final byte[] KEY = KEY_TEXT.getBytes(StandardCharsets.US_ASCII);

    private FollowedStore() {}

    /** Writes the marker naming {@code source}. */
    static void mark(KeyValueWriter out, String source) {
        out.put(KEY.clone(), source.getBytes(StandardCharsets.UTF_8));
    }

    /** The node {@code db} follows, or empty when no follower wrote it. */
    public static Optional<String> source(Database db) {
        byte[] value = db.get(KEY.clone());
        return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
    }
}
