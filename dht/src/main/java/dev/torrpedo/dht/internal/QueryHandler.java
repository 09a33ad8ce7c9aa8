package dev.torrpedo.dht.internal;

import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeException;
import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.DhtSettings;
import dev.torrpedo.dht.MutableItem;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.krpc.Compact;
import dev.torrpedo.dht.krpc.KrpcError;
import dev.torrpedo.dht.krpc.KrpcMessage;
import dev.torrpedo.dht.krpc.KrpcQuery;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.QueryArgs;
import dev.torrpedo.dht.krpc.ResponseBody;
import dev.torrpedo.dht.krpc.Want;
import dev.torrpedo.dht.routing.RoutingTable;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Answers other nodes' queries from our routing table, peer store and item store. Every
 * answer carries the requester's address (BEP 42 {@code ip}). Loop-confined; no I/O.
 */
final class QueryHandler {
    /** With BEP 33 bloom filters (512 bytes) fewer peers fit in a datagram. */
    private static final int MAX_PEERS_WITH_SCRAPE = 50;

    private final DhtSettings settings;
    private final PeerStore peers;
    private final ItemStore items;
    private final Tokens tokens;
    private final RandomGenerator random;
    private final boolean v6;
    private List<NodeId> sample = List.of();
    private long sampleTaken = Long.MIN_VALUE;

    QueryHandler(DhtSettings settings, PeerStore peers, ItemStore items, Tokens tokens, RandomGenerator random,
                 boolean v6) {
        this.settings = settings;
        this.peers = peers;
        this.items = items;
        this.tokens = tokens;
        this.random = random;
        this.v6 = v6;
    }

    /** @return the answer to {@code q} from {@code from} */
    KrpcMessage answer(KrpcQuery q, InetSocketAddress from, NodeId ownId, RoutingTable table, long now) {
        byte[] t = q.transactionId();
        QueryArgs args = q.args();
        tokens.tick(now); // rotate on use too, so a token's life does not depend on the timer's
        switch (args.method()) {
            case PING:
                return ok(t, ownId, from, new ResponseBody.Ack(args.method()));
            case FIND_NODE: {
                QueryArgs.FindNode f = (QueryArgs.FindNode) args;
                return ok(t, ownId, from, nodes(f.target(), f.want(), from, table, now));
            }
            case GET_PEERS:
                return getPeers(t, (QueryArgs.GetPeers) args, from, ownId, table, now);
            case ANNOUNCE_PEER: {
                QueryArgs.AnnouncePeer a = (QueryArgs.AnnouncePeer) args;
                if (!tokens.valid(from.getAddress(), a.token())) {
                    return new KrpcError(t, KrpcError.PROTOCOL, "invalid token");
                }
                int port = a.impliedPort() ? from.getPort() : a.port();
                if (port == 0) {
                    return new KrpcError(t, KrpcError.PROTOCOL, "invalid port");
                }
                peers.announce(a.infoHash(), from.getAddress(), port, a.seed(), now);
                return ok(t, ownId, from, new ResponseBody.Ack(args.method()));
            }
            case SAMPLE_INFOHASHES: {
                QueryArgs.SampleInfohashes s = (QueryArgs.SampleInfohashes) args;
                long intervalMillis = settings.sampleInterval().toMillis();
                if (now - sampleTaken >= intervalMillis || sampleTaken == Long.MIN_VALUE) {
                    sample = peers.sample(settings.maxSamples(), random);
                    sampleTaken = now;
                }
                ResponseBody.Nodes n = nodes(s.target(), s.want(), from, table, now);
                int interval = (int) Math.max(0, (sampleTaken + intervalMillis - now) / 1000);
                return ok(t, ownId, from, new ResponseBody.Samples(interval, peers.torrents(), sample, n.nodes(), n.nodes6()));
            }
            case GET:
                return get(t, (QueryArgs.GetItem) args, from, ownId, table, now);
            case PUT:
                return put(t, (QueryArgs.PutItem) args, from, ownId);
            default:
                throw new AssertionError(args.method());
        }
    }

    private KrpcMessage getPeers(byte[] t, QueryArgs.GetPeers g, InetSocketAddress from, NodeId ownId, RoutingTable table,
                                 long now) {
        ResponseBody.Nodes n = nodes(g.infoHash(), g.want(), from, table, now);
        Swarm swarm = peers.get(g.infoHash(), now);
        List<InetSocketAddress> values = List.of();
        byte[] seeds = null;
        byte[] all = null;
        if (swarm != null) {
            int max = g.scrape() ? Math.min(MAX_PEERS_WITH_SCRAPE, settings.maxPeersPerReply()) : settings.maxPeersPerReply();
            values = swarm.sample(max, Compact.isV6(from), g.noSeed(), random);
            if (g.scrape()) {
                seeds = swarm.bloom(true).toBytes();
                all = swarm.bloom(false).toBytes();
            }
        }
        return ok(t, ownId, from, new ResponseBody.Peers(tokens.token(from.getAddress()), values, n.nodes(), n.nodes6(),
                seeds, all));
    }

    private KrpcMessage get(byte[] t, QueryArgs.GetItem g, InetSocketAddress from, NodeId ownId, RoutingTable table,
                            long now) {
        ResponseBody.Nodes n = nodes(g.target(), g.want(), from, table, now);
        byte[] token = tokens.token(from.getAddress());
        ItemStore.Stored s = items.get(g.target());
        if (s == null) {
            return ok(t, ownId, from, new ResponseBody.Item(token, null, null, -1, null, n.nodes(), n.nodes6()));
        }
        if (s.publicKey() != null && g.seq() >= 0 && s.seq() <= g.seq()) {
            return ok(t, ownId, from, new ResponseBody.Item(token, null, null, s.seq(), null, n.nodes(), n.nodes6()));
        }
        return ok(t, ownId, from, new ResponseBody.Item(token, s.value(), s.publicKey(), s.seq(), s.signature(),
                n.nodes(), n.nodes6()));
    }

    private KrpcMessage put(byte[] t, QueryArgs.PutItem p, InetSocketAddress from, NodeId ownId) {
        if (!tokens.valid(from.getAddress(), p.token())) {
            return new KrpcError(t, KrpcError.PROTOCOL, "invalid token");
        }
        ByteBuffer raw = p.value().raw();
        if (raw.remaining() > MutableItem.MAX_VALUE_SIZE) {
            return new KrpcError(t, KrpcError.MESSAGE_TOO_BIG, "message (v field) too big");
        }
        BValue v;
        try {
            v = BencodeDecoder.strict().decode(raw); // stored as received, so it must be canonical
        } catch (BencodeException e) {
            return new KrpcError(t, KrpcError.PROTOCOL, "v is not canonical bencode");
        }
        if (!p.mutable()) {
            items.put(NodeId.of(Sha1.of(raw)), new ItemStore.Stored(v, null, -1, null));
            return ok(t, ownId, from, new ResponseBody.Ack(p.method()));
        }
        if (p.salt().length > MutableItem.MAX_SALT_SIZE) {
            return new KrpcError(t, KrpcError.SALT_TOO_BIG, "salt (salt field) too big");
        }
        MutableItem item = new MutableItem(p.publicKey(), p.salt(), p.seq(), v, p.signature());
        if (!item.verify()) {
            return new KrpcError(t, KrpcError.INVALID_SIGNATURE, "invalid signature");
        }
        NodeId target = item.target();
        ItemStore.Stored old = items.get(target);
        if (old != null) {
            if (p.cas() >= 0 && p.cas() != old.seq()) {
                return new KrpcError(t, KrpcError.CAS_MISMATCH, "the CAS hash mismatched, re-read value and try again");
            }
            boolean same = old.seq() == p.seq() && Arrays.equals(old.value().rawBytes(), v.rawBytes());
            if (old.seq() > p.seq() || (old.seq() == p.seq() && !same)) {
                return new KrpcError(t, KrpcError.SEQUENCE_TOO_LOW, "sequence number less than current");
            }
        }
        items.put(target, new ItemStore.Stored(v, p.publicKey(), p.seq(), p.signature()));
        return ok(t, ownId, from, new ResponseBody.Ack(p.method()));
    }

    private ResponseBody.Nodes nodes(NodeId target, Want want, InetSocketAddress from, RoutingTable table, long now) {
        boolean overV4 = !Compact.isV6(from);
        boolean ours = v6 ? want.wantsV6(overV4) : want.wantsV4(overV4);
        List<DhtContact> closest = ours ? table.closest(target, settings.k(), now) : List.of();
        return v6 ? new ResponseBody.Nodes(List.of(), closest) : new ResponseBody.Nodes(closest, List.of());
    }

    private static KrpcResponse ok(byte[] t, NodeId ownId, InetSocketAddress from, ResponseBody body) {
        return new KrpcResponse(t, ownId, from, body);
    }
}
