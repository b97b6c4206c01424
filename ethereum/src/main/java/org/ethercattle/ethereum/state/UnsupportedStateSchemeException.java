package org.ethercattle.ethereum.state;

/** A geth database keeps its state in the path scheme, which Cattle cannot read. */
public final class UnsupportedStateSchemeException extends IllegalStateException {

    /** @param name the database's path or spec, for the message */
    public UnsupportedStateSchemeException(String name) {
        super("database " + name + " keeps its state in geth's path scheme (it holds the key \"A\", \"LastStateID\""
                + " or \"TrieJournal\"); Cattle reads only the hash scheme: run geth with --state.scheme=hash on a"
                + " fresh datadir (and --gcmode=archive to keep old states), or copy a hash-scheme datadir");
    }
}
