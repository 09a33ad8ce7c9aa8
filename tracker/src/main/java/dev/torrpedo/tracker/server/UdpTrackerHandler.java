package dev.torrpedo.tracker.server;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.ScrapeStats;
import dev.torrpedo.tracker.TrackerException;
import dev.torrpedo.tracker.codec.CompactPeers;
import dev.torrpedo.tracker.codec.UdpReply;
import dev.torrpedo.tracker.codec.UdpRequest;
import dev.torrpedo.tracker.codec.UdpTrackerCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The embedded tracker's UDP side (BEP 15): connect, announce, scrape; errors as error packets. */
final class UdpTrackerHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final int HEADER = 16;
    private final NettyEmbeddedTracker tracker;

    UdpTrackerHandler(NettyEmbeddedTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        InetSocketAddress client = new InetSocketAddress(CompactPeers.normalize(sender.getAddress()), sender.getPort());
        boolean v6 = CompactPeers.isV6(client.getAddress());
        ByteBuf in = packet.content();
        UdpRequest request;
        try {
            request = UdpTrackerCodec.decodeRequest(in);
        } catch (TrackerException e) {
            if (in.readableBytes() >= HEADER) {
                reply(ctx, sender, v6, new UdpReply.Error(in.getInt(in.readerIndex() + 12), e.detail()));
            }
            return;
        }
        Instant now = tracker.clock.instant();
        switch (request.action()) {
            case CONNECT:
                reply(ctx, sender, v6, new UdpReply.Connect(request.transactionId(), tracker.ids.issue(client, now)));
                return;
            case ANNOUNCE: {
                UdpRequest.Announce a = (UdpRequest.Announce) request;
                if (!tracker.ids.isValid(a.connectionId(), client, now)) {
                    reply(ctx, sender, v6, new UdpReply.Error(a.transactionId(), "unknown or expired connection id"));
                    return;
                }
                if (a.port() == 0) {
                    reply(ctx, sender, v6, new UdpReply.Error(a.transactionId(), "port 0"));
                    return;
                }
                int numWant = a.numWant() < 0 ? tracker.defaultNumWant : a.numWant();
                Optional<SwarmRegistry.Reply> r = tracker.announce(a.infoHash(), a.peerId(),
                        new InetSocketAddress(client.getAddress(), a.port()), a.left(), a.event(), numWant);
                if (r.isEmpty()) {
                    reply(ctx, sender, v6, new UdpReply.Error(a.transactionId(), "the tracker is full"));
                    return;
                }
                List<InetSocketAddress> peers = new ArrayList<>();
                for (SwarmRegistry.Peer p : r.get().peers()) {
                    if (CompactPeers.isV6(p.address().getAddress()) == v6) {
                        peers.add(p.address());
                    }
                }
                reply(ctx, sender, v6, new UdpReply.Announce(a.transactionId(), (int) tracker.interval.toSeconds(),
                        r.get().leechers(), r.get().seeders(), peers));
                return;
            }
            case SCRAPE: {
                UdpRequest.Scrape s = (UdpRequest.Scrape) request;
                if (!tracker.ids.isValid(s.connectionId(), client, now)) {
                    reply(ctx, sender, v6, new UdpReply.Error(s.transactionId(), "unknown or expired connection id"));
                    return;
                }
                List<ScrapeStats> stats = new ArrayList<>();
                for (InfoHash h : s.infoHashes()) {
                    stats.add(tracker.registry.stats(h, now).orElse(new ScrapeStats(0, 0, 0)));
                }
                reply(ctx, sender, v6, new UdpReply.Scrape(s.transactionId(), stats));
                return;
            }
            default:
                // requests have no other action
        }
    }

    private static void reply(ChannelHandlerContext ctx, InetSocketAddress to, boolean v6, UdpReply reply) {
        ByteBuf out = ctx.alloc().buffer();
        try {
            UdpTrackerCodec.encode(reply, v6, out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        ctx.writeAndFlush(new DatagramPacket(out, to));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a datagram socket survives one bad packet; nothing to close
    }
}
