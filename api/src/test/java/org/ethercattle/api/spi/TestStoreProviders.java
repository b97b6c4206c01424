package org.ethercattle.api.spi;

import org.ethercattle.api.Database;

/** Minimal providers registered in this module's test resources, to exercise discovery. */
final class TestStoreProviders {

    private TestStoreProviders() {}

    /** Answers to {@code plain}; opening reports what it was given instead of opening anything. */
    public static class Plain implements StoreProvider {
        @Override
        public String scheme() {
            return "plain";
        }

        @Override
        public int apiVersion() {
            return API_VERSION;
        }

        @Override
        public String description() {
            return "test provider";
        }

        @Override
        public Database open(Spec spec, OpenMode mode) {
            throw new UnsupportedOperationException(
                    spec.scheme() + " " + spec.path() + " " + mode + " " + spec.params());
        }
    }

    /** One of two providers claiming {@code twin}. */
    public static class TwinA extends Plain {
        @Override
        public String scheme() {
            return "twin";
        }
    }

    /** The other provider claiming {@code twin}. */
    public static final class TwinB extends TwinA {}

    /** Claims to be built for API version 0. */
    public static final class Oldie extends Plain {
        @Override
        public String scheme() {
            return "oldie";
        }

        @Override
        public int apiVersion() {
            return 0;
        }
    }
}
