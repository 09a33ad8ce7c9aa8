package dev.torrpedo.tracker.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.ScrapeResponse;
import dev.torrpedo.tracker.ScrapeStats;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden bodies of BEP 3, 23, 7 and 48 replies, and the malformed ones. */
class HttpReplyDecoderTest {
    private static final ReplyLimits NO_FLOOR = new ReplyLimits(1 << 20, 100, Duration.ZERO, Duration.ofMinutes(30));

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static InetSocketAddress addr(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void compactPeersAndPeers6() throws Exception {
        // 10.0.0.1:6881, 192.168.1.2:80 and [2001:db8::1]:443
        String v4 = "\n\0\0\u0001\u001a\u00e1\u00c0\u00a8\u0001\u0002\0P";
        String v6 = "\u0020\u0001\r\u00b8\0\0\0\0\0\0\0\0\0\0\0\u0001\u0001\u00bb";
        AnnounceResponse r = HttpReplyDecoder.announce(bytes("d8:completei5e10:incompletei3e8:intervali1800e"
                + "12:min intervali60e5:peers12:" + v4 + "6:peers618:" + v6 + "e"), NO_FLOOR);
        assertEquals(List.of(addr("10.0.0.1", 6881), addr("192.168.1.2", 80), addr("2001:db8::1", 443)), r.peers());
        assertEquals(Duration.ofSeconds(1800), r.interval());
        assertEquals(Optional.of(Duration.ofSeconds(60)), r.minInterval());
        assertEquals(5, r.seeders().getAsInt());
        assertEquals(3, r.leechers().getAsInt());
    }

    @Test
    void dictionaryPeersAreTheFallback() throws Exception {
        AnnounceResponse r = HttpReplyDecoder.announce(bytes("d8:intervali900e5:peersl"
                + "d2:ip8:10.0.0.27:peer id20:-TP0100-abcdefghijkl4:porti6881ee"
                + "d2:ip3:::14:porti7000ee"
                + "d2:ip11:example.org4:porti1ee" // a name would need a lookup: skipped
                + "ee"), NO_FLOOR);
        assertEquals(List.of(addr("10.0.0.2", 6881), addr("::1", 7000)), r.peers());
    }

    @Test
    void warningTrackerIdAndMissingInterval() {
        AnnounceResponse r = HttpReplyDecoder.announce(bytes("d5:peers0:15:warning message4:slow10:tracker id2:T1e"),
                NO_FLOOR);
        assertEquals(Optional.of("slow"), r.warning());
        assertEquals(Optional.of("T1"), r.trackerId());
        assertEquals(Duration.ofMinutes(30), r.interval());
        assertTrue(r.seeders().isEmpty());
    }

    @Test
    void intervalsAreRaisedToTheFloor() {
        AnnounceResponse r = HttpReplyDecoder.announce(bytes("d8:intervali10e12:min intervali5e5:peers0:e"),
                ReplyLimits.DEFAULT);
        assertEquals(Duration.ofSeconds(300), r.interval());
        assertEquals(Optional.of(Duration.ofSeconds(300)), r.minInterval());
    }

    @Test
    void peersBeyondTheLimitAreIgnoredAndDuplicatesDropped() {
        byte[] peer = {1, 2, 3, 4, 0, 1};
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append(new String(new byte[] {1, 2, 3, (byte) i, 0, 1}, StandardCharsets.ISO_8859_1));
        }
        many.append(new String(peer, StandardCharsets.ISO_8859_1));
        AnnounceResponse r = HttpReplyDecoder.announce(bytes("d5:peers" + many.length() + ":" + many + "e"), NO_FLOOR);
        assertEquals(100, r.peers().size());
        ReplyLimits big = new ReplyLimits(1 << 20, 1000, Duration.ZERO, Duration.ofMinutes(30));
        assertEquals(256, HttpReplyDecoder.announce(bytes("d5:peers" + many.length() + ":" + many + "e"), big).peers().size());
    }

    @Test
    void failureReason() {
        TrackerException e = assertThrows(TrackerException.class,
                () -> HttpReplyDecoder.announce(bytes("d14:failure reason12:unregisterede"), NO_FLOOR));
        assertEquals(TrackerError.FAILURE, e.error());
        assertEquals("unregistered", e.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "d", "i5e", "le", "d8:intervali-1ee", "d8:interval3:abce", "d8:intervali99999999999ee",
        "d5:peers5:abcdee", "d6:peers67:abcdefge", "d5:peersi5ee", "d6:peers6le", "d5:peersli1eee",
        "d5:peersld2:ip8:10.0.0.2ee", "d5:peersld2:ip8:10.0.0.24:porti70000eeee", "d8:completei-1ee",
        "d5:peers0:e trailing", "d5:peers0:5:peers0:e"})
    void malformedRepliesAreTyped(String body) {
        TrackerException e = assertThrows(TrackerException.class, () -> HttpReplyDecoder.announce(bytes(body), NO_FLOOR));
        assertEquals(TrackerError.MALFORMED, e.error(), e.getMessage());
        assertTrue(e.offset() >= -1 && e.offset() <= body.length(), e.getMessage());
    }

    @Test
    void tooLargeIsRefusedBeforeDecoding() {
        byte[] body = new byte[2000];
        Arrays.fill(body, (byte) 'x');
        TrackerException e = assertThrows(TrackerException.class, () -> HttpReplyDecoder.announce(body,
                new ReplyLimits(1000, 10, Duration.ZERO, Duration.ofMinutes(1))));
        assertEquals(TrackerError.TOO_LARGE, e.error());
    }

    @Test
    void scrapeKeepsOnlyTheAskedTorrents() {
        byte[] a = new byte[20];
        byte[] b = new byte[20];
        Arrays.fill(b, (byte) 'b');
        InfoHash ha = InfoHash.v1(a);
        InfoHash hb = InfoHash.v1(b);
        String ka = new String(a, StandardCharsets.ISO_8859_1);
        String kb = new String(b, StandardCharsets.ISO_8859_1);
        ScrapeResponse r = HttpReplyDecoder.scrape(bytes("d5:filesd20:" + ka + "d8:completei4e10:downloadedi9e"
                + "10:incompletei2ee20:" + kb + "d8:completei1eeee"), List.of(ha), NO_FLOOR);
        assertEquals(java.util.Map.of(ha, new ScrapeStats(4, 9, 2)), r.files());
        ScrapeResponse both = HttpReplyDecoder.scrape(bytes("d5:filesd20:" + ka + "d8:completei4e10:downloadedi9e"
                + "10:incompletei2ee20:" + kb + "d8:completei1eeee"), List.of(ha, hb), NO_FLOOR);
        assertEquals(new ScrapeStats(1, 0, 0), both.files().get(hb));
    }

    @Test
    void aV2TorrentIsScrapedByItsTruncatedHash() {
        byte[] v2 = new byte[32];
        Arrays.fill(v2, (byte) 7);
        InfoHash h = InfoHash.v2(v2);
        String key = new String(h.wire(), StandardCharsets.ISO_8859_1);
        ScrapeResponse r = HttpReplyDecoder.scrape(bytes("d5:filesd20:" + key + "d8:completei2eeee"), List.of(h), NO_FLOOR);
        assertEquals(new ScrapeStats(2, 0, 0), r.files().get(h));
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "d5:filesi1ee", "d5:filesd20:aaaaaaaaaaaaaaaaaaaai1eee",
        "d5:filesd20:aaaaaaaaaaaaaaaaaaaad8:completei-5eeee"})
    void malformedScrapes(String body) {
        InfoHash h = InfoHash.v1(bytes("aaaaaaaaaaaaaaaaaaaa"));
        TrackerException e = assertThrows(TrackerException.class, () -> HttpReplyDecoder.scrape(bytes(body), List.of(h), NO_FLOOR));
        assertEquals(TrackerError.MALFORMED, e.error(), e.getMessage());
    }
}
