package org.ethercattle.ethereum.rpc;

import java.util.List;
import java.util.Locale;

/**
 * geth's {@code --http.corsdomain}: the browser origins allowed to call the server, applied as the
 * rs/cors handler geth wraps its server in (methods POST and GET, any request header, max age 600).
 *
 * <p>An empty list disables CORS entirely: no CORS headers, and preflights reach the server as plain
 * OPTIONS requests. {@code "*"} allows every origin; an entry may hold one {@code *} wildcard
 * ({@code http://*.example.com}). Origins compare case-insensitively.
 *
 * @param allowedOrigins the allowed origins
 */
public record CorsPolicy(List<String> allowedOrigins) {

    /** No CORS, geth's default. */
    public static final CorsPolicy DISABLED = new CorsPolicy(List.of());

    /** Copies and lowercases the origins. */
    public CorsPolicy {
        allowedOrigins = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether CORS handling is on. */
    public boolean enabled() {
        return !allowedOrigins.isEmpty();
    }

    /** Whether every origin is allowed, in which case geth answers {@code Access-Control-Allow-Origin: *}. */
    public boolean allowsAll() {
        return allowedOrigins.contains("*");
    }

    /** Whether a request's {@code Origin} is allowed. */
    public boolean allows(String origin) {
        if (origin == null || origin.isEmpty()) {
            return false;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        for (String allowed : allowedOrigins) {
            int star = allowed.indexOf('*');
            if (star < 0 ? allowed.equals(lower)
                    : lower.length() >= allowed.length() - 1
                        && lower.startsWith(allowed.substring(0, star))
                        && lower.endsWith(allowed.substring(star + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a method may be used cross-origin: OPTIONS always, and geth's POST and GET. */
    static boolean allowsMethod(String method) {
        String upper = method.toUpperCase(Locale.ROOT);
        return upper.equals("OPTIONS") || upper.equals("POST") || upper.equals("GET");
    }
}
