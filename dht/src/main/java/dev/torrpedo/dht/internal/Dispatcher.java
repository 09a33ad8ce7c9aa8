package dev.torrpedo.dht.internal;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.DhtSettings;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.krpc.KrpcDecoder;
import dev.torrpedo.dht.krpc.KrpcEncoder;
import dev.torrpedo.dht.krpc.KrpcError;
import dev.torrpedo.dht.krpc.KrpcException;
import dev.torrpedo.dht.krpc.KrpcMessage;
import dev.torrpedo.dht.krpc.KrpcQuery;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.QueryArgs;
import dev.torrpedo.dht.routing.RoutingTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every inbound KRPC datagram of a node: the per-IP rate limit, decoding, answering
 * queries (and pinging new queriers so that they may join the table once they answer),
 * matching answers to our queries and checking the ids they carry. Loop-confined.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_PINGS_OF_NEW_NODES = 64;

    private final DefaultDhtNode node;
    private final DhtSettings settings;
    private final KrpcDecoder decoder;
    private final KrpcEncoder encoder;
    private final Rpc rpc;
    private final RateLimiter rateLimiter;
    private final QueryHandler queryHandler;
    private final AddressVoter voter;
    private final Counters counters;
    private final Set<InetSocketAddress> pingingNew = new HashSet<>();

    Dispatcher(DefaultDhtNode node, DhtSettings settings, KrpcDecoder decoder, KrpcEncoder encoder, Rpc rpc,
               RateLimiter rateLimiter, QueryHandler queryHandler, AddressVoter voter, Counters counters) {
        this.node = node;
        this.settings = settings;
        this.decoder = decoder;
        this.encoder = encoder;
        this.rpc = rpc;
        this.rateLimiter = rateLimiter;
        this.queryHandler = queryHandler;
        this.voter = voter;
        this.counters = counters;
    }

    void receive(byte[] data, InetSocketAddress from) {
        counters.packetsIn++;
        counters.bytesIn += data.length;
        if (node.isClosed() || node.table() == null) {
            return;
        }
        long now = node.now();
        InetAddress ip = from.getAddress();
        if (rateLimiter.blocked(ip, now)) {
            counters.rateLimited++;
            return;
        }
        KrpcMessage m;
        try {
            m = decoder.decode(data, 0, data.length, rpc::methodOf);
        } catch (KrpcException e) {
            counters.invalidPackets++;
            if (!rateLimiter.allow(ip, now)) {
                counters.rateLimited++;
                return;
            }
            LOG.trace("invalid KRPC from {}: {}", from, e.getMessage());
            if (e.transactionId() != null && !settings.readOnly()) {
                node.send(encoder.encode(new KrpcError(e.transactionId(), e.errorCode(), e.getMessage())), from, true);
            }
            return;
        }
        switch (m.type()) {
            case QUERY:
                if (!rateLimiter.allow(ip, now)) {
                    counters.rateLimited++;
                    return;
                }
                onQuery((KrpcQuery) m, from, now);
                break;
            case RESPONSE:
                onResponse((KrpcResponse) m, from, now);
                break;
            case ERROR:
                onError((KrpcError) m, from, now);
                break;
            default:
                throw new AssertionError(m.type());
        }
    }

    private void onQuery(KrpcQuery q, InetSocketAddress from, long now) {
        RoutingTable table = node.table();
        if (settings.readOnly() || from.getPort() == 0) {
            return; // BEP 43: a read-only node answers nothing
        }
        DhtContact contact = new DhtContact(q.sender(), from);
        table.queriedUs(contact, now);
        KrpcMessage answer = queryHandler.answer(q, from, node.ownId(), node.table(), now);
        counters.queriesAnswered++;
        node.send(encoder.encode(answer), from, true);
        node.tableChanged();
        if (!q.readOnly() && pingingNew.size() < MAX_PINGS_OF_NEW_NODES && !pingingNew.contains(from)
                && node.acceptableContact(contact)
                && table.wouldAddLive(contact, node.verified(q.sender(), from.getAddress()), now)) {
            // a node that queried us joins the table only once it has answered us
            pingingNew.add(from);
            Rpc.Callback done = new Rpc.Callback() {
                @Override
                public void onResponse(KrpcResponse response) {
                    pingingNew.remove(from);
                }

                @Override
                public void onFailure(KrpcError error) {
                    pingingNew.remove(from);
                }
            };
            if (!node.sendQuery(from, q.sender(), new QueryArgs.Ping(), done)) {
                pingingNew.remove(from);
            }
        }
    }

    private void onResponse(KrpcResponse r, InetSocketAddress from, long now) {
        RoutingTable table = node.table();
        Rpc.Pending p = rpc.take(r.transactionId(), from);
        if (p == null) {
            if (!rateLimiter.allow(from.getAddress(), now)) {
                counters.rateLimited++;
            }
            return;
        }
        NodeId id = r.sender();
        if (id.equals(node.ownId()) || (p.expected != null && !id.equals(p.expected))) {
            // a reflected id, or a node that is not who its address was said to be
            p.callback.onFailure(null); // counts as a failure of the node we expected there
            return;
        }
        DhtContact contact = new DhtContact(id, from);
        boolean verified = node.verified(id, from.getAddress());
        if (r.yourAddress() != null) {
            voter.vote(r.yourAddress().getAddress(), from.getAddress());
        }
        if ((verified || !settings.enforceNodeId()) && node.acceptableContact(contact)) {
            table.heard(contact, verified, now);
            node.tableChanged();
        }
        p.callback.onResponse(r);
    }

    private void onError(KrpcError e, InetSocketAddress from, long now) {
        Rpc.Pending p = rpc.take(e.transactionId(), from);
        if (p == null) {
            if (!rateLimiter.allow(from.getAddress(), now)) {
                counters.rateLimited++;
            }
            return;
        }
        p.callback.onFailure(e);
    }
}
