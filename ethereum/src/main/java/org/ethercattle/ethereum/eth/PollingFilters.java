package org.ethercattle.ethereum.eth;

import static org.ethercattle.ethereum.rpc.Param.optional;
import static org.ethercattle.ethereum.rpc.Param.required;
import static org.ethercattle.ethereum.rpc.ParamType.BOOL;
import static org.ethercattle.ethereum.rpc.ParamType.JSON;
import static org.ethercattle.ethereum.rpc.ParamType.SUBSCRIPTION_ID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.ethercattle.ethereum.rawdb.ChainReader;
import org.ethercattle.ethereum.rpc.Params;
import org.ethercattle.ethereum.rpc.RpcException;
import org.ethercattle.ethereum.rpc.RpcMethods;

/**
 * geth's polling filters, served over HTTP and the WebSocket alike: {@code eth_newBlockFilter} and
 * {@code eth_newFilter} install a filter and answer its id (as a subscription id: {@code 0x} and up to 32 hex
 * digits); {@code eth_getFilterChanges} answers what happened since the previous poll (new block hashes, or matching
 * logs with {@code "removed":true} for those a reorg took away); {@code eth_getFilterLogs} answers every log a log
 * filter's criteria select now, as {@code eth_getLogs} would; {@code eth_uninstallFilter} answers whether the filter
 * was installed. An id that is not installed (never, uninstalled, expired, or installed on another replica) answers
 * -32000 "filter not found", as geth does.
 *
 * <p>A filter lives in this process only. Behind a load balancer, every call that carries a filter id must reach the
 * replica that installed it (session affinity), or it answers "filter not found".
 *
 * <p>Each filter reads the chain from the store when it is polled ({@link PollingFilter}), so no thread runs for
 * filters and nothing accumulates for a filter nobody polls. A filter expires {@link Limits#timeout} after its
 * creation or its last {@code eth_getFilterChanges} (geth's 5-minute deadline; {@code eth_getFilterLogs} does not
 * renew it, as in geth); expired filters are dropped when looked up and whenever a filter is installed. At most
 * {@link Limits#maxFilters} filters live at once (geth has no bound).
 *
 * <p>{@code eth_newPendingTransactionFilter} answers -32601: a replica has no transaction pool, so such a filter
 * would never report anything, and a client is better told so than left polling an empty filter.
 *
 * <p>Thread-safe.
 */
public final class PollingFilters {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChainReader chain;
    private final LogMethods logs;
    private final Limits limits;
    private final InstantSource clock;
    private final Map<String, PollingFilter> filters = new ConcurrentHashMap<>();

    /**
     * Filters over {@code chain}.
     *
     * @param logs answers {@code eth_getFilterLogs}, within its limits
     * @param clock tells the time for the deadlines ({@link InstantSource#system()} but in tests)
     */
    public PollingFilters(ChainReader chain, LogMethods logs, Limits limits, InstantSource clock) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Registers the five filter methods and {@code eth_newPendingTransactionFilter} into {@code methods}. */
    public void register(RpcMethods methods) {
        methods.register("eth_newBlockFilter", List.of(), p -> install(now -> new BlockPollingFilter(chain, now)));
        methods.register("eth_newFilter", List.of(required(JSON)), this::newFilter);
        methods.register("eth_getFilterChanges", List.of(required(SUBSCRIPTION_ID)), this::changes);
        methods.register("eth_getFilterLogs", List.of(required(SUBSCRIPTION_ID)), this::filterLogs);
        methods.register("eth_uninstallFilter", List.of(required(SUBSCRIPTION_ID)), this::uninstall);
        methods.register("eth_newPendingTransactionFilter", List.of(optional(BOOL)), p -> {
            throw new RpcException(RpcException.METHOD_NOT_FOUND, "eth_newPendingTransactionFilter is not available"
                    + " on a replica: it has no transaction pool, so the filter would never report a transaction;"
                    + " ask a node with a pool for pending transactions");
        });
    }

    private Object newFilter(Params p) throws RpcException {
        LogFilter criteria = LogFilter.parse(p.node(0));
        FilterRange range = FilterRange.of(criteria);
        return install(now -> new LogPollingFilter(chain, now, criteria, range));
    }

    private synchronized String install(Function<Instant, PollingFilter> create) throws RpcException {
        Instant now = clock.instant();
        filters.values().removeIf(f -> f.expired(now, limits.timeout()));
        if (filters.size() >= limits.maxFilters()) {
            throw RpcException.serverError("too many filters: this replica keeps at most " + limits.maxFilters()
                    + " installed; uninstall the ones no longer polled with eth_uninstallFilter (an unpolled filter "
                    + "expires after " + limits.timeout().toSeconds() + " s)");
        }
        PollingFilter filter = create.apply(now);
        String id = newId();
        while (filters.putIfAbsent(id, filter) != null) {
            id = newId();
        }
        return id;
    }

    private Object changes(Params p) throws RpcException {
        String id = p.string(0);
        PollingFilter filter = filters.get(id);
        if (filter == null) {
            throw notFound();
        }
        Optional<ArrayNode> changes = filter.poll(clock.instant(), limits.timeout());
        if (changes.isEmpty()) {
            filters.remove(id, filter);
            throw notFound();
        }
        return changes.get();
    }

    private Object filterLogs(Params p) throws RpcException {
        if (!(live(p.string(0)) instanceof LogPollingFilter filter)) {
            throw notFound();
        }
        return logs.logs(filter.criteria());
    }

    private Object uninstall(Params p) {
        PollingFilter filter = filters.remove(p.string(0));
        return filter != null && !filter.expired(clock.instant(), limits.timeout());
    }

    /** The filter of that id if installed and not expired (an expired one is dropped), else null. */
    private PollingFilter live(String id) {
        PollingFilter filter = filters.get(id);
        if (filter != null && filter.expired(clock.instant(), limits.timeout())) {
            filters.remove(id, filter);
            return null;
        }
        return filter;
    }

    private static RpcException notFound() {
        return RpcException.serverError("filter not found");
    }

    /** geth's {@code rpc.NewID}: 16 random bytes in hex, leading zeros dropped. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String hex = HexFormat.of().formatHex(bytes).replaceFirst("^0+", "");
        return "0x" + (hex.isEmpty() ? "0" : hex);
    }

    /**
     * Bounds on the polling filters.
     *
     * @param timeout how long a filter lives without an {@code eth_getFilterChanges}
     * @param maxFilters the most filters installed at once
     */
    public record Limits(Duration timeout, int maxFilters) {

        /** geth's 5-minute deadline, and 10,000 filters (a bound geth does not have). */
        public static final Limits GETH_DEFAULTS = new Limits(Duration.ofMinutes(5), 10_000);

        /**
         * @throws IllegalArgumentException if the timeout is not positive or the bound is below 1, naming the value
         */
        public Limits {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("filter timeout must be positive, got " + timeout);
            }
            if (maxFilters < 1) {
                throw new IllegalArgumentException("the filter bound must be at least 1, got " + maxFilters);
            }
        }
    }
}
