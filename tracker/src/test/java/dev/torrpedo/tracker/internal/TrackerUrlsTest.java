package dev.torrpedo.tracker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.AnnounceRequest;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TrackerUrlsTest {
    private static final InfoHash HASH = InfoHash.v1(HexFormat.of().parseHex("123456789abcdef123456789abcdef123456789a"));

    @ParameterizedTest
    @CsvSource({
        // BEP 48's table
        "http://example.com/announce, http://example.com/scrape",
        "http://example.com/x/announce, http://example.com/x/scrape",
        "http://example.com/announce.php, http://example.com/scrape.php",
        "http://example.com/announce?x2%0644, http://example.com/scrape?x2%0644",
        "http://example.com/x%064announce, ''",
        "http://example.com/a, ''",
        "http://example.com/announce?x=2/4, http://example.com/scrape?x=2/4"})
    void scrapeUrlsOfBep48(String announce, String scrape) {
        URI a = URI.create(announce);
        if (scrape.isEmpty()) {
            TrackerException e = assertThrows(TrackerException.class, () -> TrackerUrls.scrape(a, List.of(HASH)));
            assertEquals(TrackerError.UNSUPPORTED, e.error());
            return;
        }
        String sep = scrape.contains("?") ? "&" : "?";
        assertEquals(URI.create(scrape + sep + "info_hash=%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9A"),
                TrackerUrls.scrape(a, List.of(HASH)));
    }

    @Test
    void announceQueryHasBep3ParametersEscaped() {
        AnnounceRequest r = AnnounceRequest.builder(HASH, PeerId.of("-TP0100-abc def~._!x".getBytes(StandardCharsets.US_ASCII)), 6881)
                .uploaded(1).downloaded(2).left(3).event(AnnounceEvent.STARTED).numWant(50).key(0xCAFE).trackerId("a b")
                .build();
        assertEquals("http://t.example:8080/ann?passkey=x&info_hash=%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%124Vx%9A"
                        + "&peer_id=-TP0100-abc%20def~._%21x&port=6881&uploaded=1&downloaded=2&left=3&corrupt=0"
                        + "&key=0000CAFE&compact=1&no_peer_id=1&event=started&numwant=50&trackerid=a%20b",
                TrackerUrls.announce(URI.create("http://t.example:8080/ann?passkey=x#frag"), r).toString());
    }

    @ParameterizedTest
    @CsvSource({"ftp://a/announce", "ws://a/announce", "udp://a/announce", "http:///announce", "mailto:x@y"})
    void onlyHttpHttpsAndUdpWithAHost(String url) {
        assertEquals(TrackerError.UNSUPPORTED,
                assertThrows(TrackerException.class, () -> TrackerUrls.scheme(URI.create(url))).error());
    }

    @Test
    void portsAndHosts() {
        assertEquals(443, TrackerUrls.port(URI.create("https://a/announce")));
        assertEquals(80, TrackerUrls.port(URI.create("http://a/announce")));
        assertEquals("::1", TrackerUrls.host(URI.create("http://[::1]:5/announce")));
        assertEquals("/", TrackerUrls.target(URI.create("http://a")));
    }
}
