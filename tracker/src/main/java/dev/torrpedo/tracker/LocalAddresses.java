package dev.torrpedo.tracker;

import dev.torrpedo.tracker.internal.AddressPolicy;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The address rule of the tracker clients, for other HTTP clients of the engine (web seeds)
 * that must follow the same server-side request forgery guard: a URL that resolves to a
 * local address is contacted only when the user allowed local servers, and never after a
 * redirect from a public server.
 */
public final class LocalAddresses {
    private LocalAddresses() {
    }

    /**
     * @return whether {@code address} is loopback, private (RFC 1918, carrier-grade NAT,
     *         IPv6 unique-local), link-local, unspecified or multicast: what
     *         {@link TrackerSettings#allowLocalTrackers()} guards
     */
    public static boolean isLocal(InetAddress address) {
        return AddressPolicy.isLocal(Objects.requireNonNull(address, "address"));
    }
}
