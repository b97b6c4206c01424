package org.ethercattle.api.spi;

/**
 * What every provider (store, log, codec) declares so that the registries can find it and tell a user
 * what is on the classpath.
 */
public interface Provider {

    /** The version of these contracts this build of the API implements. */
    int API_VERSION = 1;

    /** The spec scheme (or codec name) this provider answers to, in lower case: {@code rocksdb}, {@code file}. */
    String scheme();

    /** One line for listings: what it is and which library it wraps. */
    String description();

    /**
     * The contract version the provider was written against. Registries refuse a provider whose
     * version differs from {@link #API_VERSION}, naming it, rather than fail later in odd ways.
     */
    default int apiVersion() {
        return API_VERSION;
    }
}
