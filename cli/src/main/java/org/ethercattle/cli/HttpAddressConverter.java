package org.ethercattle.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads where to serve HTTP: {@code PORT} (on 127.0.0.1), {@code HOST:PORT} or {@code [IPv6]:PORT}. Port 0
 * picks a free port. Loopback is the default so that a replica's status is not exposed by accident.
 */
final class HttpAddressConverter implements ITypeConverter<InetSocketAddress> {

    static final String DEFAULT_HOST = "127.0.0.1";

    @Override
    public InetSocketAddress convert(String value) {
        String v = value.trim();
        String host = DEFAULT_HOST;
        String port = v;
        int colon = v.lastIndexOf(':');
        if (colon >= 0) {
            host = v.substring(0, colon);
            port = v.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        try {
            int p = Integer.parseInt(port);
            if (host.isEmpty() || p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, p);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not an address such as 8080, 127.0.0.1:8080"
                    + " or [::1]:8080");
        }
    }
}
