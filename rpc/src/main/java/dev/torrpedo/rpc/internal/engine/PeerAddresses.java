package dev.torrpedo.rpc.internal.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code peers} of {@code torrent.add}: {@code "host:port"}, {@code "192.0.2.7:6881"} or
 * {@code "[2001:db8::7]:6881"}. Host names are resolved, which may block: callers run on the
 * worker pool.
 */
final class PeerAddresses {
    /** The most peers one request may name. */
    static final int MAX = 200;
    private static final int MAX_HOST = 253;

    private PeerAddresses() {
    }

    /**
     * Parses and resolves each address.
     *
     * @param param the parameter's name, for errors
     * @param peers what the client sent, or null
     * @return the addresses (empty for null)
     * @throws dev.torrpedo.rpc.RpcException -32602 naming the address that is wrong
     */
    static List<InetSocketAddress> resolve(String param, List<String> peers) {
        List<InetSocketAddress> out = new ArrayList<>();
        if (peers == null) {
            return out;
        }
        if (peers.size() > MAX) {
            throw Checks.invalid(param, "names " + peers.size() + " peers (expected: at most " + MAX + ")");
        }
        for (int i = 0; i < peers.size(); i++) {
            String where = param + "[" + i + "]";
            InetSocketAddress a = parse(where, peers.get(i));
            InetSocketAddress resolved = new InetSocketAddress(a.getHostString(), a.getPort());
            if (resolved.isUnresolved()) {
                throw Checks.invalid(where, "cannot be resolved: \"" + Checks.clip(peers.get(i)) + "\"");
            }
            out.add(resolved);
        }
        return out;
    }

    /**
     * Splits {@code host:port} without resolving.
     *
     * @throws dev.torrpedo.rpc.RpcException -32602 for anything else
     */
    static InetSocketAddress parse(String param, String text) {
        String s = text.strip();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw bad(param, text);
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
            if (host.isEmpty() || !host.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                throw bad(param, text);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || s.indexOf(':') != colon) {
                throw bad(param, text);
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
            if (host.length() > MAX_HOST || !host.chars().allMatch(c -> c == '.' || c == '-' || c == '_'
                    || (c < 128 && Character.isLetterOrDigit(c)))) {
                throw bad(param, text);
            }
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(param, text);
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65_535) {
            throw bad(param, text);
        }
        return InetSocketAddress.createUnresolved(host, p);
    }

    private static dev.torrpedo.rpc.RpcException bad(String param, String text) {
        return Checks.invalid(param, "is not a peer address: \"" + Checks.clip(text)
                + "\" (expected: host:port, 192.0.2.7:6881 or [2001:db8::7]:6881)");
    }
}
