package dev.torrpedo.dht;

import dev.torrpedo.dht.krpc.KrpcDecoder;
import dev.torrpedo.dht.krpc.KrpcEncoder;
import dev.torrpedo.dht.krpc.KrpcException;
import dev.torrpedo.dht.krpc.KrpcLimits;
import dev.torrpedo.dht.krpc.KrpcMessage;
import dev.torrpedo.dht.krpc.KrpcMethod;
import dev.torrpedo.dht.krpc.KrpcQuery;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.QueryArgs;
import dev.torrpedo.dht.krpc.ResponseBody;
import dev.torrpedo.dht.krpc.Want;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node that lies, for the simulation: it answers with ids that are not its own (a fresh
 * one each time, the querier's, or the target's), names only other liars as the closest
 * nodes (with ids right next to the target), hands out bogus tokens and fake peers,
 * announces with bogus tokens, and can flood.
 */
final class LyingNode implements AutoCloseable {

    /** How it lies. */
    enum Kind {
        /** A fresh random id in every answer. */
        WRONG_ID,
        /** The querier's own id, or the lookup's target, as its id. */
        REFLECTED_ID,
        /** A fixed id not valid for its IP; bogus tokens and fake peers; announces with bogus tokens. */
        BOGUS_TOKEN,
        /** Floods its victims with queries. */
        FLOOD
    }

    private static final KrpcDecoder DECODER = new KrpcDecoder(KrpcLimits.DEFAULT);
    private static final KrpcEncoder ENCODER = new KrpcEncoder(new byte[] {'L', 'I', 0, 1});

    final Kind kind;
    private final SplittableRandom random;
    private final NodeId fixedId;
    private final DatagramChannel channel;
    private List<LyingNode> accomplices = List.of();
    final AtomicLong queriesReceived = new AtomicLong();
    final AtomicLong errorsReceived = new AtomicLong();

    LyingNode(Kind kind, EventLoopGroup group, InetAddress ip, long seed) {
        this.kind = kind;
        this.random = new SplittableRandom(seed);
        this.fixedId = NodeId.random(random);
        this.channel = (DatagramChannel) new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        onPacket(ByteBufUtil.getBytes(packet.content()), packet.sender());
                    }
                }).bind(new InetSocketAddress(ip, 0)).syncUninterruptibly().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    void accomplices(List<LyingNode> all) {
        accomplices = all;
    }

    private void onPacket(byte[] data, InetSocketAddress from) {
        KrpcMessage m;
        try {
            m = DECODER.decode(data, 0, data.length, tid -> KrpcMethod.PING);
        } catch (KrpcException e) {
            return;
        }
        if (m.type() == KrpcMessage.Type.ERROR) {
            errorsReceived.incrementAndGet();
            return;
        }
        if (!(m instanceof KrpcQuery q)) {
            return;
        }
        queriesReceived.incrementAndGet();
        NodeId target = target(q.args());
        NodeId id = switch (kind) {
            case WRONG_ID -> NodeId.random(random);
            case REFLECTED_ID -> random.nextBoolean() || target == null ? q.sender() : target;
            default -> fixedId;
        };
        List<DhtContact> nodes = new ArrayList<>();
        if (target != null) {
            for (LyingNode l : accomplices) {
                nodes.add(new DhtContact(nextTo(target), l.address()));
                if (nodes.size() == 8) {
                    break;
                }
            }
        }
        ResponseBody body = switch (q.method()) {
            case FIND_NODE, SAMPLE_INFOHASHES -> new ResponseBody.Nodes(nodes, List.of());
            case GET_PEERS -> new ResponseBody.Peers(new byte[] {1, 2, 3, 4}, List.of(
                    new InetSocketAddress(address().getAddress(), 1 + random.nextInt(65535))), nodes, List.of(), null, null);
            case GET -> new ResponseBody.Item(new byte[] {1}, null, null, -1, null, nodes, List.of());
            default -> new ResponseBody.Ack(q.method());
        };
        if (q.method() == KrpcMethod.SAMPLE_INFOHASHES) {
            body = new ResponseBody.Samples(0, 0, List.of(), nodes, List.of());
        }
        send(new KrpcResponse(q.transactionId(), id, from, body), from);
    }

    /** @return an id differing from {@code target} in its last bits only: "the closest node there is" */
    private NodeId nextTo(NodeId target) {
        byte[] b = target.bytes();
        b[19] ^= (byte) (1 + random.nextInt(255));
        return NodeId.of(b);
    }

    private static NodeId target(QueryArgs args) {
        if (args instanceof QueryArgs.FindNode f) {
            return f.target();
        }
        if (args instanceof QueryArgs.GetPeers g) {
            return g.infoHash();
        }
        if (args instanceof QueryArgs.GetItem g) {
            return g.target();
        }
        if (args instanceof QueryArgs.SampleInfohashes s) {
            return s.target();
        }
        return null;
    }

    /** Queries {@code victim} so that it learns of us (and maybe pings us back). */
    void introduce(InetSocketAddress victim) {
        query(victim, new QueryArgs.FindNode(NodeId.random(random), Want.DEFAULT));
    }

    /** Announces a peer of {@code infoHash} at our address with a made-up token. */
    void announceWithBogusToken(InetSocketAddress victim, NodeId infoHash) {
        byte[] token = new byte[8];
        random.nextBytes(token);
        query(victim, new QueryArgs.AnnouncePeer(infoHash, 6666, false, token, false));
    }

    /** Sends {@code count} queries to {@code victim} at once. */
    void flood(InetSocketAddress victim, int count) {
        channel.eventLoop().execute(() -> {
            for (int i = 0; i < count; i++) {
                query(victim, new QueryArgs.GetPeers(NodeId.random(random), Want.DEFAULT, false, false));
            }
        });
    }

    private void query(InetSocketAddress to, QueryArgs args) {
        byte[] tid = {(byte) random.nextInt(256), (byte) random.nextInt(256)};
        send(new KrpcQuery(tid, kind == Kind.WRONG_ID ? NodeId.random(random) : fixedId, false, args), to);
    }

    private void send(KrpcMessage m, InetSocketAddress to) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(ENCODER.encode(m)), to));
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
