package org.ethercattle.api.spi;

/**
 * What every provider (store, log, codec) declares so that the registries can find it and tell a user
 * what is on the classpath.
 *
 * <p><b>API version.</b> Every implementation declares the contract version it was compiled against,
 * with exactly this body:
 * <pre>{@code
 * @Override
 * public int apiVersion() {
 *     return API_VERSION;
 * }
 * }</pre>
 * {@link #API_VERSION} is a compile-time constant, so javac copies its value into the provider's own
 * class file: the provider keeps answering the version of the cattle-api it was built with, whatever
 * cattle-api jar it later runs beside, and the registry can refuse a provider built for another
 * version (naming both versions and the provider's jar) instead of letting it fail later in odd ways.
 * That is also why the method has no default: a default would be compiled into cattle-api and always
 * answer the running version.
 */
public interface Provider {

    /**
     * The version of these contracts this build of the API implements. A compile-time constant on
     * purpose (see the class description); raise it when a provider interface changes incompatibly.
     */
    int API_VERSION = 1;

    /** The spec scheme (or codec name) this provider answers to, in lower case: {@code rocksdb}, {@code file}. */
    String scheme();

    /** One line for listings: what it is and which library it wraps. */
    String description();

    /**
     * The contract version the provider was compiled against: {@code return API_VERSION;}, which javac
     * inlines into the implementing class (see the class description). Registries refuse a provider
     * whose version differs from the running {@link #API_VERSION}, naming both and the provider's jar.
     */
    int apiVersion();
}
