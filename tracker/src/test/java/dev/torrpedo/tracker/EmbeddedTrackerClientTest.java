package dev.torrpedo.tracker;

import static dev.torrpedo.tracker.Loopback.await;
import static dev.torrpedo.tracker.Loopback.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.server.EmbeddedTracker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our clients against our embedded tracker, over real loopback sockets, HTTP and UDP alike. */
class EmbeddedTrackerClientTest {
    private final ManualClock clock = new ManualClock();
    private Loopback loopback;
    private EmbeddedTracker tracker;
    private TrackerClient client;

    @BeforeEach
    void start() {
        loopback = new Loopback();
        tracker = await(loopback.tracker().clock(clock).build().start(0));
        client = TrackerClient.routing(loopback.http(Loopback.SETTINGS), loopback.udp(Loopback.SETTINGS, clock));
    }

    @AfterEach
    void stop() {
        client.close();
        tracker.close();
        loopback.close();
    }

    private URI url(String scheme) {
        return scheme.equals("udp") ? tracker.udpAnnounceUrl() : tracker.httpAnnounceUrl();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void twoPeersFindEachOther(String scheme) {
        InfoHash h = Loopback.hash(1);
        AnnounceResponse first = await(client.announce(url(scheme), Loopback.request(h, Loopback.peer(1), 6001, 0)));
        assertEquals(List.of(), first.peers());
        assertEquals(Duration.ofSeconds(60), first.interval());
        assertEquals(1, first.seeders().getAsInt());

        AnnounceResponse second = await(client.announce(url(scheme), Loopback.request(h, Loopback.peer(2), 6002, 100)));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6001)), second.peers());
        assertEquals(1, second.seeders().getAsInt());
        assertEquals(1, second.leechers().getAsInt());
        if (scheme.equals("http")) {
            assertEquals(Duration.ofSeconds(30), second.minInterval().orElseThrow());
        }

        AnnounceResponse again = await(client.announce(url(scheme), Loopback.request(h, Loopback.peer(1), 6001, 0)));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6002)), again.peers());
        assertEquals(2, tracker.peers(h).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void scrapeCountsSeedersLeechersAndCompletions(String scheme) {
        InfoHash a = Loopback.hash(2);
        InfoHash b = Loopback.hash(3);
        InfoHash unknown = Loopback.hash(4);
        PeerId p1 = Loopback.peer(1);
        await(client.announce(url(scheme), Loopback.request(a, p1, 6001, 10)));
        await(client.announce(url(scheme), Loopback.request(a, Loopback.peer(2), 6002, 10)));
        await(client.announce(url(scheme), Loopback.request(a, p1, 6001, 0).withEvent(AnnounceEvent.COMPLETED)));
        await(client.announce(url(scheme), Loopback.request(b, p1, 6001, 0)));

        ScrapeResponse s = await(client.scrape(url(scheme), List.of(a, b, unknown)));
        assertEquals(new ScrapeStats(1, 1, 1), s.files().get(a));
        assertEquals(new ScrapeStats(1, 0, 0), s.files().get(b));
        if (scheme.equals("http")) {
            assertFalse(s.files().containsKey(unknown));
        } else {
            assertEquals(new ScrapeStats(0, 0, 0), s.files().get(unknown)); // BEP 15 answers every hash
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void stoppedRemovesThePeerAndExpiryForgetsSilentOnes(String scheme) {
        InfoHash h = Loopback.hash(5);
        await(client.announce(url(scheme), Loopback.request(h, Loopback.peer(1), 6001, 0)));
        await(client.announce(url(scheme), Loopback.request(h, Loopback.peer(2), 6002, 5)));
        await(client.announce(url(scheme), Loopback.request(h, Loopback.peer(2), 6002, 5).withEvent(AnnounceEvent.STOPPED)));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6001)), tracker.peers(h));

        clock.advance(Duration.ofSeconds(121)); // the default expiry: two intervals of 60 s
        assertEquals(List.of(), tracker.peers(h));
        AnnounceResponse r = await(client.announce(url(scheme), Loopback.request(h, Loopback.peer(3), 6003, 5)));
        assertEquals(List.of(), r.peers());
        assertEquals(0, r.seeders().getAsInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void manyTorrentsInOneScrape(String scheme) {
        List<InfoHash> hashes = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) { // more than the 74 of one UDP scrape
            byte[] b = new byte[20];
            b[0] = (byte) i;
            b[19] = 7;
            hashes.add(InfoHash.v1(b));
        }
        await(client.announce(url(scheme), Loopback.request(hashes.get(77), Loopback.peer(1), 6001, 0)));
        Map<InfoHash, ScrapeStats> files = await(client.scrape(url(scheme), hashes)).files();
        assertEquals(new ScrapeStats(1, 0, 0), files.get(hashes.get(77)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void localTrackersAreRefusedUnlessAllowed(String scheme) {
        TrackerSettings strict = Loopback.SETTINGS.toBuilder().allowLocalTrackers(false).build();
        try (TrackerClient c = scheme.equals("udp") ? loopback.udp(strict, clock) : loopback.http(strict)) {
            TrackerException e = awaitFailure(c.announce(url(scheme), Loopback.request(Loopback.hash(6), Loopback.peer(1), 6001, 0)));
            assertEquals(TrackerError.FORBIDDEN_ADDRESS, e.error());
            assertEquals(url(scheme), e.tracker());
        }
        assertEquals(0, tracker.announces());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/announce", "wss://127.0.0.1/announce", "file:///etc/passwd", "udp://127.0.0.1/x"})
    void otherSchemesAreRefused(String url) {
        TrackerException e = awaitFailure(client.announce(URI.create(url), Loopback.request(Loopback.hash(6), Loopback.peer(1), 6001, 0)));
        assertEquals(TrackerError.UNSUPPORTED, e.error());
        assertTrue(client.supports("HTTPS") && client.supports("udp") && !client.supports("ftp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "udp"})
    void closingTheClientFailsWhatIsPendingAndRefusesMore(String scheme) {
        client.close();
        TrackerException e = awaitFailure(client.announce(url(scheme), Loopback.request(Loopback.hash(6), Loopback.peer(1), 6001, 0)));
        assertEquals(TrackerError.CLOSED, e.error());
    }
}
