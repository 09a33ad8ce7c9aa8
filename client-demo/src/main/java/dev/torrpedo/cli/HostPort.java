package dev.torrpedo.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A peer address as typed after {@code --peer}: {@code 192.0.2.7:6881},
 * {@code [2001:db8::7]:6881} or {@code seed.example:6881}. Parsing never touches the
 * network: IP literals become resolved addresses, names stay unresolved until used.
 *
 * @param host an IPv4 literal, an IPv6 literal without brackets, or a host name (lower case)
 * @param port 1 to 65535
 */
public record HostPort(String host, int port) {
    /** Longest text accepted: a host name of 253 characters, brackets, a colon and a port. */
    static final int MAX_TEXT = 262;
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[\\d.]+");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", Pattern.CASE_INSENSITIVE);

    /** Checks the port range and that the host is not empty. */
    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host: empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
        }
    }

    /**
     * Parses {@code HOST:PORT}; an IPv6 address goes in brackets.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static HostPort parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty() || s.length() > MAX_TEXT) {
            throw new IllegalArgumentException("'" + s + "' is not HOST:PORT (expected: as 192.0.2.7:6881,"
                    + " [2001:db8::7]:6881 or seed.example:6881)");
        }
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + s + "' is not [IPV6]:PORT (expected: as [2001:db8::7]:6881)");
            }
            host = s.substring(1, close);
            portText = s.substring(close + 2);
            ipv6(host, s);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + s + "' has no port (expected: HOST:PORT, as 192.0.2.7:6881)");
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("'" + s + "': put an IPv6 address in brackets, as [2001:db8::7]:6881");
            }
            if (DIGITS_AND_DOTS.matcher(host).matches()) {
                ipv4(host, s);
            } else {
                hostName(host, s);
                host = host.toLowerCase(Locale.ROOT);
            }
        }
        return new HostPort(host, port(portText, s));
    }

    /**
     * @return the address to connect to: resolved for an IP literal (no lookup), unresolved
     *         for a name (the connector resolves it)
     */
    public InetSocketAddress toSocketAddress() {
        try {
            if (host.indexOf(':') >= 0) {
                return new InetSocketAddress(InetAddress.getByName("[" + host + "]"), port);
            }
            if (IPV4.matcher(host).matches()) {
                return new InetSocketAddress(InetAddress.getByAddress(ipv4Bytes(host)), port);
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("checked literal did not parse: " + host, e);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** @return {@code host:port}, with brackets around an IPv6 host */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static int port(String text, String whole) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + whole + "': port '" + text + "' is not a number from 1 to 65535");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("'" + whole + "': port " + port + " is out of range (expected: 1 to 65535)");
        }
        return port;
    }

    private static void ipv4(String host, String whole) {
        if (!IPV4.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + whole + "': '" + host + "' is not an IPv4 address");
        }
        ipv4Bytes(host);
    }

    private static byte[] ipv4Bytes(String host) {
        String[] parts = host.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv4 address (" + v + " > 255)");
            }
            bytes[i] = (byte) v;
        }
        return bytes;
    }

    private static void ipv6(String host, String whole) {
        // Brackets make InetAddress parse a literal or fail; it never looks a name up. An
        // IPv4-mapped address (::ffff:192.0.2.7) comes back as the IPv4 address it maps.
        try {
            if (host.indexOf(':') < 0) {
                throw new UnknownHostException(host);
            }
            InetAddress.getByName("[" + host + "]");
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + whole + "': '" + host + "' is not an IPv6 address", e);
        }
    }

    private static void hostName(String host, String whole) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + whole + "' has no host (expected: HOST:PORT)");
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            throw new IllegalArgumentException("'" + whole + "': '" + host + "' is not a host name");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + whole + "': '" + host + "' is not a host name");
            }
        }
    }
}
