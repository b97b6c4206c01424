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

    private final Map<String, Entry> methods = new ConcurrentHashMap<>();

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
            throw new IllegalArgumentException("method name '" + name + "' is reserved for subscriptions,"
                    + " which this HTTP server does not offer");
        }
        Entry entry = new Entry(name, List.copyOf(signature), body);
        if (methods.putIfAbsent(name, entry) != null) {
            throw new IllegalArgumentException("method " + name + " is already registered; register each"
                    + " method once");
        }
        return this;
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
        return modules;
    }
}
