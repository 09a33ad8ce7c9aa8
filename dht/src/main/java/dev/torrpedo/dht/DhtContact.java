package dev.torrpedo.dht;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A DHT node as other nodes describe it: its id and its UDP address (the 26-byte IPv4 or
 * 38-byte IPv6 compact node info of BEP 5 and BEP 32).
 *
 * @param id      the node's id
 * @param address its resolved UDP address
 */
public record DhtContact(NodeId id, InetSocketAddress address) {

    /** Checks that both parts are present and the address is resolved. */
    public DhtContact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address: " + address + " (expected: resolved)");
        }
    }
}
