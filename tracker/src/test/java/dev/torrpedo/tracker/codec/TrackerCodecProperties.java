package dev.torrpedo.tracker.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.ScrapeStats;
import dev.torrpedo.tracker.TrackerException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Round trips and robustness of the tracker codecs over generated packets and bodies. */
class TrackerCodecProperties {
    private static final ReplyLimits LIMITS = new ReplyLimits(1 << 20, 10_000, Duration.ZERO, Duration.ofMinutes(30));

    @Provide
    Arbitrary<List<InetSocketAddress>> peers4() {
        return peers(4);
    }

    @Provide
    Arbitrary<List<InetSocketAddress>> peers6() {
        return peers(16);
    }

    private static Arbitrary<List<InetSocketAddress>> peers(int addressLength) {
        Arbitrary<InetSocketAddress> one = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofSize(addressLength),
                Arbitraries.integers().between(1, 65535)).as((a, port) -> {
                    if (addressLength == 16 && isV4Mapped(a)) {
                        a[0] = 0x20; // keep it a real IPv6 address
                    }
                    try {
                        return new InetSocketAddress(InetAddress.getByAddress(a), port);
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return one.list().ofMaxSize(40).map(l -> new ArrayList<>(new LinkedHashSet<>(l)));
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    @Provide
    Arbitrary<UdpRequest> requests() {
        Arbitrary<InfoHash> hashes = Arbitraries.bytes().array(byte[].class).ofSize(20).map(InfoHash::v1);
        Arbitrary<UdpRequest> connect = Arbitraries.integers().map(UdpRequest.Connect::new);
        Arbitrary<String> url = Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(600);
        Arbitrary<UdpRequest> announce = Combinators.combine(Arbitraries.longs(), Arbitraries.integers(), hashes,
                Arbitraries.bytes().array(byte[].class).ofSize(20).map(PeerId::of),
                Arbitraries.longs().greaterOrEqual(0), Arbitraries.of(AnnounceEvent.class),
                Arbitraries.integers().between(0, 65535), url).as((conn, txn, h, p, n, ev, port, u) ->
                new UdpRequest.Announce(conn, txn, h, p, n, n / 2, n / 3, ev, txn ^ 5, txn * 31, (int) (n % 200) - 1,
                        port, u));
        Arbitrary<UdpRequest> scrape = Combinators.combine(Arbitraries.longs(), Arbitraries.integers(),
                hashes.list().ofMinSize(1).ofMaxSize(UdpTrackerCodec.MAX_SCRAPE_HASHES))
                .as(UdpRequest.Scrape::new);
        return Arbitraries.oneOf(connect, announce, scrape);
    }

    @Property(tries = 300)
    void requestsRoundTrip(@ForAll("requests") UdpRequest r) {
        ByteBuf b = Unpooled.buffer();
        try {
            UdpTrackerCodec.encode(r, b);
            assertEquals(r, UdpTrackerCodec.decodeRequest(b));
        } finally {
            b.release();
        }
    }

    @Property(tries = 300)
    void announceRepliesRoundTrip(@ForAll("peers4") List<InetSocketAddress> v4, @ForAll("peers6") List<InetSocketAddress> v6,
                                  @ForAll int txn, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int interval) {
        for (boolean ipv6 : new boolean[] {false, true}) {
            UdpReply.Announce a = new UdpReply.Announce(txn, interval, interval / 3, interval / 7, ipv6 ? v6 : v4);
            ByteBuf b = Unpooled.buffer();
            try {
                UdpTrackerCodec.encode(a, ipv6, b);
                assertEquals(a, UdpTrackerCodec.decodeReply(b, ipv6, 10_000));
            } finally {
                b.release();
            }
        }
    }

    @Property(tries = 200)
    void scrapeRepliesRoundTrip(@ForAll int txn, @ForAll @IntRange(max = 74) int n) {
        List<ScrapeStats> stats = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            stats.add(new ScrapeStats(i, i * 2, Math.abs(txn % 1000)));
        }
        UdpReply.Scrape s = new UdpReply.Scrape(txn, stats);
        ByteBuf b = Unpooled.buffer();
        try {
            UdpTrackerCodec.encode(s, false, b);
            assertEquals(s, UdpTrackerCodec.decodeReply(b, false, 0));
        } finally {
            b.release();
        }
    }

    @Property(tries = 300)
    void httpAnnounceBodiesDecodeToWhatWasEncoded(@ForAll("peers4") List<InetSocketAddress> v4,
                                                   @ForAll("peers6") List<InetSocketAddress> v6,
                                                   @ForAll @IntRange(min = 0, max = 1_000_000) int interval) {
        byte[] body = BencodeEncoder.encode(BDictionary.builder().put("interval", interval)
                .put("peers", CompactPeers.encode(v4, false)).put("peers6", CompactPeers.encode(v6, true))
                .put("complete", 1).put("incomplete", 2).build());
        AnnounceResponse r = HttpReplyDecoder.announce(body, LIMITS);
        List<InetSocketAddress> all = new ArrayList<>(v4);
        all.addAll(v6);
        assertEquals(all, r.peers());
        assertEquals(Duration.ofSeconds(interval), r.interval());
    }

    @Property(tries = 2000)
    void arbitraryBytesRaiseOnlyTrackerException(@ForAll byte[] input) {
        ByteBuf b = Unpooled.wrappedBuffer(input);
        for (Runnable decode : List.<Runnable>of(
                () -> UdpTrackerCodec.decodeReply(b, false, 50),
                () -> UdpTrackerCodec.decodeReply(b, true, 50),
                () -> UdpTrackerCodec.decodeRequest(b),
                () -> HttpReplyDecoder.announce(input, LIMITS),
                () -> HttpReplyDecoder.scrape(input, List.of(InfoHash.v1(new byte[20])), LIMITS))) {
            try {
                decode.run();
            } catch (TrackerException expected) {
                assertTrue(expected.offset() >= -1 && expected.offset() <= Math.max(input.length, LIMITS.maxBytes()),
                        expected.getMessage());
            }
        }
    }

    @Property(tries = 500)
    void everyTruncationOfAValidPacketIsMalformedOrAShorterValidOne(@ForAll("requests") UdpRequest r,
                                                                    @ForAll @IntRange(max = 2000) int cut) {
        ByteBuf b = Unpooled.buffer();
        try {
            UdpTrackerCodec.encode(r, b);
            byte[] wire = ByteBufUtil.getBytes(b);
            int n = cut % (wire.length + 1);
            try {
                UdpRequest d = UdpTrackerCodec.decodeRequest(Unpooled.wrappedBuffer(wire, 0, n));
                assertEquals(r.action(), d.action());
            } catch (TrackerException expected) {
                assertTrue(n < wire.length, "the whole packet must decode");
            }
        } finally {
            b.release();
        }
    }
}
