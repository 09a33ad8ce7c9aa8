package dev.torrpedo.tracker.server;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.ScrapeStats;
import dev.torrpedo.tracker.codec.CompactPeers;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded tracker's HTTP side: {@code GET /announce} (BEP 3, 23, 7) and
 * {@code GET /scrape} (BEP 48). A bad request gets a {@code failure reason}, as trackers do.
 */
final class HttpTrackerHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final int MAX_SCRAPE_ALL = 1000;
    private final NettyEmbeddedTracker tracker;

    HttpTrackerHandler(NettyEmbeddedTracker tracker) {
        this.tracker = tracker;
    }

    /** A request the tracker refuses, answered with a failure reason. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, new byte[0], false);
            return;
        }
        if (!HttpMethod.GET.equals(req.method())) {
            respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, new byte[0], false);
            return;
        }
        QueryStringDecoder q = new QueryStringDecoder(req.uri(), StandardCharsets.ISO_8859_1);
        String path = q.path();
        BDictionary reply;
        try {
            if (path.endsWith("/announce")) {
                reply = announce(q.parameters(), (InetSocketAddress) ctx.channel().remoteAddress());
            } else if (path.endsWith("/scrape")) {
                reply = scrape(q.parameters());
            } else {
                respond(ctx, HttpResponseStatus.NOT_FOUND, new byte[0], keepAlive);
                return;
            }
        } catch (Refused e) {
            reply = BDictionary.builder().put("failure reason", e.getMessage()).build();
        }
        respond(ctx, HttpResponseStatus.OK, BencodeEncoder.encode(reply), keepAlive);
    }

    private BDictionary announce(Map<String, List<String>> params, InetSocketAddress remote) {
        InfoHash infoHash = InfoHash.v1(bytes(params, "info_hash", 20));
        PeerId peerId = PeerId.of(bytes(params, "peer_id", 20));
        int port = (int) number(params, "port", 1, 65535, -1);
        long left = number(params, "left", 0, Long.MAX_VALUE, -1);
        AnnounceEvent event = AnnounceEvent.ofHttpValue(first(params, "event"));
        int numWant = (int) number(params, "numwant", 0, Integer.MAX_VALUE, tracker.defaultNumWant);
        boolean compact = !"0".equals(first(params, "compact"));
        boolean noPeerId = "1".equals(first(params, "no_peer_id"));
        InetSocketAddress peer = new InetSocketAddress(CompactPeers.normalize(remote.getAddress()), port);
        Optional<SwarmRegistry.Reply> r = tracker.announce(infoHash, peerId, peer, left, event, numWant);
        if (r.isEmpty()) {
            throw new Refused("the tracker is full");
        }
        SwarmRegistry.Reply reply = r.get();
        BDictionary.Builder b = BDictionary.builder()
                .put("interval", tracker.interval.toSeconds())
                .put("min interval", tracker.minInterval.toSeconds())
                .put("complete", reply.seeders())
                .put("incomplete", reply.leechers());
        List<InetSocketAddress> addresses = reply.peers().stream().map(SwarmRegistry.Peer::address).toList();
        if (compact) {
            b.put("peers", CompactPeers.encode(addresses, false));
            byte[] v6 = CompactPeers.encode(addresses, true);
            if (v6.length > 0) {
                b.put("peers6", v6);
            }
        } else {
            List<BValue> list = new ArrayList<>();
            for (SwarmRegistry.Peer p : reply.peers()) {
                BDictionary.Builder d = BDictionary.builder()
                        .put("ip", NetUtil.toAddressString(p.address().getAddress()))
                        .put("port", p.address().getPort());
                if (!noPeerId) {
                    d.put("peer id", p.peerId().bytes());
                }
                list.add(d.build());
            }
            b.put("peers", BList.of(list));
        }
        return b.build();
    }

    private BDictionary scrape(Map<String, List<String>> params) {
        List<String> asked = params.getOrDefault("info_hash", List.of());
        List<InfoHash> hashes = new ArrayList<>();
        if (asked.isEmpty()) {
            hashes.addAll(tracker.registry.torrents(MAX_SCRAPE_ALL));
        }
        for (String h : asked.subList(0, Math.min(asked.size(), MAX_SCRAPE_ALL))) {
            byte[] b = h.getBytes(StandardCharsets.ISO_8859_1);
            if (b.length != 20) {
                throw new Refused("info_hash: " + b.length + " bytes (expected: 20)");
            }
            hashes.add(InfoHash.v1(b));
        }
        BDictionary.Builder files = BDictionary.builder();
        for (InfoHash h : hashes) {
            tracker.registry.stats(h, tracker.clock.instant()).ifPresent(s -> files.put(h.wire(), entry(s)));
        }
        return BDictionary.builder().put("files", files.build()).build();
    }

    private static BDictionary entry(ScrapeStats s) {
        return BDictionary.builder().put("complete", s.seeders()).put("downloaded", s.completed())
                .put("incomplete", s.leechers()).build();
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static byte[] bytes(Map<String, List<String>> params, String name, int length) {
        String v = first(params, name);
        if (v == null) {
            throw new Refused("missing " + name);
        }
        byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != length) {
            throw new Refused(name + ": " + b.length + " bytes (expected: " + length + ")");
        }
        return b;
    }

    private static long number(Map<String, List<String>> params, String name, long min, long max, long absent) {
        String v = first(params, name);
        if (v == null) {
            if (absent < 0) {
                throw new Refused("missing " + name);
            }
            return absent;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new Refused(name + ": " + n + " (expected: " + min + ".." + max + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refused(name + ": not a number");
        }
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, byte[] body, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        HttpUtil.setContentLength(res, body.length);
        HttpUtil.setKeepAlive(res, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
