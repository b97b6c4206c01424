package org.ethercattle.ethereum.rpc;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * geth's {@code --http.vhosts}: the host names a request's {@code Host} header may carry, which guards
 * against DNS rebinding. As in geth's {@code virtualHostHandler}, a request passes when it has no Host
 * header, when the host is an IP address, when the list holds {@code "*"}, or when the host (without port)
 * is listed; otherwise it is refused with 403 "invalid host specified".
 *
 * @param names the allowed host names, lowercased; geth's default is {@code localhost}
 */
public record VirtualHosts(Set<String> names) {

    /** geth's default: only {@code localhost} by name (and any IP address). */
    public static final VirtualHosts GETH_DEFAULT = of(List.of("localhost"));

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Copies the names. */
    public VirtualHosts {
        names = Set.copyOf(names);
    }

    /** The allowed names, lowercased as geth does. */
    public static VirtualHosts of(List<String> names) {
        return new VirtualHosts(names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }

    /** Whether a request with this Host header (null or "" for none) is served. */
    public boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return true;
        }
        String host = hostWithoutPort(hostHeader);
        return names.contains(host) || names.contains("*") || isIpAddress(host);
    }

    /** Go's {@code net.SplitHostPort}, falling back to the whole header when it has no (single) port. */
    private static String hostWithoutPort(String header) {
        if (header.startsWith("[")) {
            int close = header.indexOf(']');
            if (close > 0 && (close == header.length() - 1 || header.charAt(close + 1) == ':')) {
                return close == header.length() - 1 ? header : header.substring(1, close);
            }
            return header;
        }
        int colon = header.indexOf(':');
        if (colon >= 0 && colon == header.lastIndexOf(':')) {
            return header.substring(0, colon);
        }
        return header;
    }

    /** Go's {@code net.ParseIP} != nil, without name resolution. */
    private static boolean isIpAddress(String host) {
        if (IPV4.matcher(host).matches()) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                    return false;
                }
            }
            return true;
        }
        return host.contains(":") && IPV6_CHARACTERS.matcher(host).matches() && parsesAsIpv6(host);
    }

    private static boolean parsesAsIpv6(String host) {
        try {
            // A literal of hex digits, colons and dots never triggers a lookup.
            return java.net.InetAddress.getByName("[" + host + "]") instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
