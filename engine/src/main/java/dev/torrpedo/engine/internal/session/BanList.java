package dev.torrpedo.engine.internal.session;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peers banned for the rest of the session. A peer is banned by its IP address, as other
 * clients do, except on a loopback address, where many peers share one address (tests, the
 * demo): there a ban is for the address and port it listens on.
 *
 * <p>Thread-safe, lock-free; bounded by {@link #MAX_BANS}: past it a bad peer is still
 * disconnected but no longer remembered, so a flood of bad peers cannot grow memory.
 */
public final class BanList {
    /** The most bans kept. */
    public static final int MAX_BANS = 10_000;

    private final Set<InetSocketAddress> bans = ConcurrentHashMap.newKeySet();

    /** @return the key a peer at {@code address} is banned under */
    public static InetSocketAddress key(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            return address;
        }
        return ip.isLoopbackAddress() ? new InetSocketAddress(ip, address.getPort()) : new InetSocketAddress(ip, 0);
    }

    /**
     * Bans the peer known by {@code address}.
     *
     * @return whether the ban is remembered (false when it already was, or past {@link #MAX_BANS})
     */
    public boolean ban(InetSocketAddress address) {
        return bans.size() < MAX_BANS && bans.add(key(address));
    }

    /** @return whether the peer at {@code address} is banned */
    public boolean isBanned(InetSocketAddress address) {
        return !bans.isEmpty() && bans.contains(key(address));
    }

    /** @return how many bans there are */
    public int size() {
        return bans.size();
    }
}
