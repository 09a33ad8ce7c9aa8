package dev.torrpedo.dht.routing;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import java.net.InetSocketAddress;

/**
 * A node in the routing table and what we know of it. Mutable; confined to the node's
 * event loop like the table that holds it.
 */
public final class NodeEntry {
    private final DhtContact contact;
    private final boolean verified;
    private final long added;
    private long lastResponse;
    private long lastQuery = Long.MIN_VALUE;
    private int failures;

    NodeEntry(DhtContact contact, boolean verified, long now) {
        this.contact = contact;
        this.verified = verified;
        this.added = now;
        this.lastResponse = now;
    }

    /** @return the id and address */
    public DhtContact contact() {
        return contact;
    }

    /** @return the id */
    public NodeId id() {
        return contact.id();
    }

    /** @return the address */
    public InetSocketAddress address() {
        return contact.address();
    }

    /** @return whether the id matched the address by BEP 42 when the node was added */
    public boolean verified() {
        return verified;
    }

    /** @return when the node entered the table (clock millis) */
    public long added() {
        return added;
    }

    /** @return when it last answered one of our queries */
    public long lastResponse() {
        return lastResponse;
    }

    /** @return failed queries in a row */
    public int failures() {
        return failures;
    }

    /** @return the BEP 5 state at {@code now} */
    public NodeState state(long now, RoutingConfig config) {
        if (failures >= config.badAfterFailures()) {
            return NodeState.BAD;
        }
        if (now - lastResponse < config.goodMillis()
                || (lastQuery != Long.MIN_VALUE && now - lastQuery < config.goodMillis())) {
            return NodeState.GOOD;
        }
        return NodeState.QUESTIONABLE;
    }

    void responded(long now) {
        lastResponse = now;
        failures = 0;
    }

    void queriedUs(long now) {
        lastQuery = now;
    }

    void failed() {
        failures++;
    }

    @Override
    public String toString() {
        return contact.id().hex().substring(0, 8) + "@" + contact.address() + (failures > 0 ? " failures=" + failures : "");
    }
}
