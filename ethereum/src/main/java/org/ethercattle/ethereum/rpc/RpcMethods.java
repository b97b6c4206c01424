package org.ethercattle.ethereum.rpc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The registry of JSON-RPC methods, named like geth's: {@code namespace_method} ({@code eth_getBalance},
 * {@code net_version}, {@code web3_clientVersion}, {@code debug_getRawBlock}).
 *
 * <p>{@code rpc_modules} is built in and answers, as geth does, each namespace with version "1.0"
 * (namespaces sorted, {@code rpc} included). Registering is thread-safe, and a method registered while the
 * server runs is served from the next request on.
 */
public final class RpcMethods {

    /** A registered method: its name, declared parameters and body. */
    record Entry(String name, List<Param> signature, RpcMethod body) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+_[A-Za-z0-9_]+");

    /** A registered subscription kind: its namespace, name ({@code newHeads}), declared parameters and source. */
    record SubscriptionEntry(String namespace, String name, List<Param> signature, SubscriptionSource source) {
    }

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern SUBSCRIPTION_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final Map<String, Entry> methods = new ConcurrentHashMap<>();
    /** Keyed by {@code namespace + "_" + name}; served only by transports with push (the WebSocket). */
    private final Map<String, SubscriptionEntry> subscriptions = new ConcurrentHashMap<>();

    /** A registry holding only {@code rpc_modules}. */
    public RpcMethods() {
        register("rpc_modules", List.of(), params -> modules());
    }

    /**
     * Registers a method.
     *
     * @param name {@code namespace_method}, such as {@code eth_chainId}
     * @param signature the declared positional parameters, in order; required ones before optional ones
     * @param body the method
     * @return this registry
     * @throws IllegalArgumentException if the name is not {@code namespace_method} or is already taken
     */
    public RpcMethods register(String name, List<Param> signature, RpcMethod body) {
        Objects.requireNonNull(body, "body");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("method name '" + name + "' is not namespace_method"
                    + " (letters and digits, such as eth_getBalance)");
        }
        if (name.endsWith("_subscribe") || name.endsWith("_unsubscribe") || name.endsWith("_subscription")) {
            throw new IllegalArgumentException("method name '" + name + "' is reserved for subscriptions;"
                    + " register a subscription kind with registerSubscription instead");
        }
        Entry entry = new Entry(name, List.copyOf(signature), body);
        if (methods.putIfAbsent(name, entry) != null) {
            throw new IllegalArgumentException("method " + name + " is already registered; register each"
                    + " method once");
        }
        return this;
    }

    /**
     * Registers a kind of subscription, opened by {@code <namespace>_subscribe} with {@code name} as its first
     * parameter (as geth's {@code eth_subscribe("newHeads")}) and ended by {@code <namespace>_unsubscribe}. Only a
     * connection that can push (the WebSocket) serves it; over HTTP {@code *_subscribe} stays "notifications not
     * supported", as in geth.
     *
     * @param namespace such as {@code eth}
     * @param name the kind, such as {@code newHeads} or {@code logs}
     * @param signature the parameters after the name, in order; required ones before optional ones
     * @param source opens the subscriptions
     * @return this registry
     * @throws IllegalArgumentException if the namespace or name is malformed, or the kind is already registered
     */
    public RpcMethods registerSubscription(String namespace, String name, List<Param> signature,
            SubscriptionSource source) {
        Objects.requireNonNull(source, "source");
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("subscription namespace '" + namespace + "' is not letters and"
                    + " digits (such as eth)");
        }
        if (name == null || !SUBSCRIPTION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("subscription name '" + name + "' is not letters and digits"
                    + " (such as newHeads)");
        }
        SubscriptionEntry entry = new SubscriptionEntry(namespace, name, List.copyOf(signature), source);
        if (subscriptions.putIfAbsent(namespace + "_" + name, entry) != null) {
            throw new IllegalArgumentException("subscription " + name + " of namespace " + namespace
                    + " is already registered; register each kind once");
        }
        return this;
    }

    /** The subscription kind {@code name} of {@code namespace}, if registered. */
    Optional<SubscriptionEntry> subscription(String namespace, String name) {
        return Optional.ofNullable(subscriptions.get(namespace + "_" + name));
    }

    /** The method of that name, if registered. */
    Optional<Entry> find(String name) {
        return Optional.ofNullable(methods.get(name));
    }

    /** What {@code rpc_modules} answers: each namespace with "1.0", sorted by name. */
    public SortedMap<String, String> modules() {
        SortedMap<String, String> modules = new TreeMap<>();
        for (String name : methods.keySet()) {
            modules.put(name.substring(0, name.indexOf('_')), "1.0");
        }
        for (SubscriptionEntry entry : subscriptions.values()) {
            modules.put(entry.namespace(), "1.0");
        }
        return modules;
    }
}
