package org.ethercattle.ethereum.state;

import static java.nio.charset.StandardCharsets.US_ASCII;

import org.ethercattle.api.Database;

/**
 * How a geth database lays out its state tries. Cattle reads only the hash scheme, where every trie
 * node lives under its hash; the path scheme (geth's default since 1.14) keys nodes by their trie path
 * and keeps only recent states, which Cattle's {@link StateReader} cannot read.
 */
public enum StateScheme {

    /** Trie nodes under their keccak-256 ({@code --state.scheme=hash}). */
    HASH,

    /** Trie nodes under their path ({@code --state.scheme=path}). */
    PATH;

    /**
     * Keys only the path scheme writes: the account trie root node under {@code "A"} (the prefix with
     * the empty path), and the state-history metadata {@code "LastStateID"} and {@code "TrieJournal"}.
     */
    private static final byte[][] PATH_SCHEME_KEYS = {
            "A".getBytes(US_ASCII), "LastStateID".getBytes(US_ASCII), "TrieJournal".getBytes(US_ASCII)};

    /**
     * Returns the scheme of {@code database}: {@link #PATH} when any path-scheme key is present, else
     * {@link #HASH} (an empty database included).
     */
    public static StateScheme detect(Database database) {
        for (byte[] key : PATH_SCHEME_KEYS) {
            if (database.has(key)) {
                return PATH;
            }
        }
        return HASH;
    }

    /**
     * Returns normally when {@code database} is in the hash scheme.
     *
     * @param name how to name the database in the error (a path or a spec)
     * @throws UnsupportedStateSchemeException when it is in the path scheme
     */
    public static void requireHash(Database database, String name) {
        if (detect(database) == PATH) {
            throw new UnsupportedStateSchemeException(name);
        }
    }
}
