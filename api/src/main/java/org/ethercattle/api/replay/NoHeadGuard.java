package org.ethercattle.api.replay;

import org.ethercattle.api.Database;
import org.ethercattle.api.KeyValueWriter;
import org.ethercattle.api.record.Op;

/** Admits everything; see {@link HeadGuard#none()}. */
final class NoHeadGuard implements HeadGuard {

    static final NoHeadGuard INSTANCE = new NoHeadGuard();

    private NoHeadGuard() {}

    @Override
    public void restore(Database store, String streamId) {
        // nothing remembered, nothing to load
    }

    @Override
    public boolean admit(Op op, KeyValueWriter bookkeeping) {
        return true;
    }

    @Override
    public String toString() {
        return "HeadGuard.none()";
    }
}
