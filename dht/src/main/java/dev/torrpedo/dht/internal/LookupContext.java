package dev.torrpedo.dht.internal;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.DhtSettings;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.krpc.QueryArgs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.random.RandomGenerator;

/** What a lookup needs of its node. All on the node's event loop. */
interface LookupContext {
    DhtSettings settings();

    NodeId ownId();

    long now();

    RandomGenerator random();

    /** @return whether the node runs over IPv6 */
    boolean v6();

    /** @return whether a node met in a lookup may be queried (not us, right family, allowed address) */
    boolean acceptableContact(DhtContact contact);

    /** @return whether an address (a bootstrap node) may be queried */
    boolean acceptableAddress(InetSocketAddress address);

    /** @return whether {@code id} counts as BEP 42-verified for {@code ip} */
    boolean verified(NodeId id, InetAddress ip);

    /** @return false if the query could not be sent (too many pending) */
    boolean sendQuery(InetSocketAddress to, NodeId expected, QueryArgs args, Rpc.Callback callback);

    /** The lookup has finished with everything it sends. */
    void lookupDone(Lookup lookup);
}
