package dev.torrpedo.tracker;

import static dev.torrpedo.tracker.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.server.EmbeddedTracker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BEP 12 tiers and re-announce timing, against real trackers and dead ports on loopback. */
class TorrentTrackersTest {
    private final ManualClock clock = new ManualClock();
    private Loopback loopback;
    private TrackerClient client;
    private EmbeddedTracker live;
    private EmbeddedTracker other;

    @BeforeEach
    void start() {
        loopback = new Loopback();
        client = TrackerClient.routing(loopback.http(Loopback.SETTINGS), loopback.udp(Loopback.SETTINGS, clock));
        live = await(loopback.tracker().clock(clock).build().start(0));
        other = await(loopback.tracker().clock(clock).build().start(0));
    }

    @AfterEach
    void stop() {
        client.close();
        live.close();
        other.close();
        loopback.close();
    }

    private static URI dead() {
        return URI.create("http://127.0.0.1:" + Loopback.closedPort() + "/announce");
    }

    private TorrentTrackers trackers(List<List<URI>> tiers, TrackerSettings settings, long seed) {
        return TorrentTrackers.create(tiers, client, settings, clock, new SplittableRandom(seed));
    }

    private static AnnounceRequest request(AnnounceEvent event) {
        return Loopback.request(Loopback.hash(1), Loopback.peer(1), 6001, 5).withEvent(event);
    }

    @Test
    void deadTrackersAreSkippedAndTheOneThatAnswersMovesToTheFront() {
        URI dead1 = dead();
        URI dead2 = dead();
        TorrentTrackers t = trackers(List.of(List.of(dead1, dead2, live.httpAnnounceUrl()),
                List.of(other.httpAnnounceUrl())), Loopback.SETTINGS, 1);
        int deadBefore = (int) t.tiers().get(0).stream().takeWhile(u -> !u.equals(live.httpAnnounceUrl())).count();

        AnnounceRound round = await(t.announce(request(AnnounceEvent.STARTED)));
        assertTrue(round.succeeded());
        assertEquals(live.httpAnnounceUrl(), round.answers().get(0).tracker());
        assertEquals(deadBefore, round.failures().size());
        round.failures().forEach(f -> assertEquals(TrackerError.CONNECTION, f.error()));
        assertEquals(live.httpAnnounceUrl(), t.tiers().get(0).get(0));
        assertEquals(0, other.announces(), "a later tier is not tried when an earlier one answers");

        AnnounceRound again = await(t.announce(request(AnnounceEvent.NONE)));
        assertEquals(List.of(), again.failures(), "the tracker that answered is tried first");
        TrackerStatus s = t.trackers().get(0);
        assertEquals(live.httpAnnounceUrl(), s.url());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), s.lastAnswer().orElseThrow());
        assertEquals(0, s.failures());
    }

    @Test
    void whenAWholeTierFailsTheNextTierIsTried() {
        TorrentTrackers t = trackers(List.of(List.of(dead()), List.of(live.udpAnnounceUrl())), Loopback.SETTINGS, 1);
        AnnounceRound round = await(t.announce(request(AnnounceEvent.STARTED)));
        assertEquals(live.udpAnnounceUrl(), round.answers().get(0).tracker());
        assertEquals(1, round.failures().size());
        TrackerStatus dead = t.trackers().get(0);
        assertEquals(1, dead.failures());
        assertEquals(TrackerError.CONNECTION, dead.lastError().orElseThrow().error());
    }

    @Test
    void announceToAllTiersReachesOneTrackerOfEach() {
        TrackerSettings all = Loopback.SETTINGS.toBuilder().announceToAllTiers(true).build();
        TorrentTrackers t = trackers(List.of(List.of(live.httpAnnounceUrl()), List.of(dead(), other.udpAnnounceUrl())),
                all, 1);
        // someone else is in the swarm of the second tracker only
        await(client.announce(other.udpAnnounceUrl(), Loopback.request(Loopback.hash(1), Loopback.peer(2), 6002, 0)));
        AnnounceRound round = await(t.announce(request(AnnounceEvent.STARTED)));
        assertEquals(2, round.answers().size());
        assertEquals(1, live.announces());
        assertEquals(2, other.announces());
        assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6002)), round.peers());
    }

    @Test
    void theNextAnnounceIsDueAfterTheIntervalByTheInjectedClock() {
        TorrentTrackers t = trackers(List.of(List.of(live.httpAnnounceUrl())), Loopback.SETTINGS, 1);
        Instant start = clock.instant();
        assertTrue(t.isAnnounceDue(), "the first announce is due at once");
        AnnounceRound round = await(t.announce(request(AnnounceEvent.STARTED)));
        assertEquals(start.plusSeconds(60), round.nextAnnounce());
        assertEquals(start.plusSeconds(60), t.nextAnnounce());
        assertEquals(start.plusSeconds(30), t.earliestAnnounce()); // the tracker's min interval
        assertFalse(t.isAnnounceDue());
        assertEquals(Duration.ofSeconds(60), t.untilNextAnnounce());
        clock.advance(Duration.ofSeconds(60));
        assertTrue(t.isAnnounceDue());
        assertEquals(Duration.ZERO, t.untilNextAnnounce());
    }

    @Test
    void theIntervalFloorAppliesUnlessASettingLowersIt() {
        TorrentTrackers t = trackers(List.of(List.of(live.httpAnnounceUrl())), TrackerSettings.defaults().toBuilder()
                .allowLocalTrackers(true).build(), 1);
        AnnounceRound round = await(t.announce(request(AnnounceEvent.STARTED)));
        assertEquals(Duration.ofSeconds(300), round.answers().get(0).response().interval());
        assertEquals(clock.instant().plusSeconds(300), t.nextAnnounce());
    }

    @Test
    void roundsWhereNoTrackerAnswersBackOff() {
        TrackerSettings s = Loopback.SETTINGS.toBuilder().retryDelayMin(Duration.ofSeconds(15))
                .retryDelayMax(Duration.ofSeconds(50)).build();
        TorrentTrackers t = trackers(List.of(List.of(dead()), List.of(dead())), s, 1);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            AnnounceRound r = await(t.announce(request(AnnounceEvent.STARTED)));
            assertFalse(r.succeeded());
            assertEquals(2, r.failures().size());
            waits.add(Duration.between(clock.instant(), r.nextAnnounce()));
        }
        assertEquals(List.of(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(50),
                Duration.ofSeconds(50)), waits);
    }

    @Test
    void afterStoppedNothingIsDue() {
        TorrentTrackers t = trackers(List.of(List.of(live.httpAnnounceUrl())), Loopback.SETTINGS, 1);
        await(t.announce(request(AnnounceEvent.STARTED)));
        assertEquals(1, live.peers(Loopback.hash(1)).size());
        AnnounceRound r = await(t.announce(request(AnnounceEvent.STOPPED)));
        assertEquals(Instant.MAX, r.nextAnnounce());
        assertFalse(t.isAnnounceDue());
        assertEquals(0, live.peers(Loopback.hash(1)).size());
    }

    @Test
    void theTrackerIdIsSentBackToTheTrackerThatGaveIt() {
        byte[] body = BencodeEncoder.encode(BDictionary.builder().put("interval", 600).put("tracker id", "T-42")
                .put("peers", new byte[0]).build());
        try (ScriptedHttpServer server = new ScriptedHttpServer(loopback.group, (line, ch) -> ScriptedHttpServer.write(ch,
                "HTTP/1.1 200 OK\nContent-Length: " + body.length + "\n", body, true))) {
            TorrentTrackers t = trackers(List.of(List.of(server.url("/announce"))), Loopback.SETTINGS, 1);
            await(t.announce(request(AnnounceEvent.STARTED)));
            await(t.announce(request(AnnounceEvent.NONE)));
            assertFalse(server.requests.get(0).contains("trackerid="));
            assertTrue(server.requests.get(1).contains("&trackerid=T-42"), server.requests.get(1));
            assertEquals("T-42", t.trackers().get(0).trackerId().orElseThrow());
        }
    }

    @Test
    void tiersAreShuffledByTheInjectedRandom() {
        List<URI> tier = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tier.add(URI.create("udp://tracker" + i + ".example:6969/announce"));
        }
        List<List<URI>> once = trackers(List.of(tier), Loopback.SETTINGS, 5).tiers();
        assertEquals(once, trackers(List.of(tier), Loopback.SETTINGS, 5).tiers());
        assertNotEquals(once, trackers(List.of(tier), Loopback.SETTINGS, 6).tiers());
        assertEquals(new java.util.HashSet<>(tier), new java.util.HashSet<>(once.get(0)));
    }

    @Test
    void duplicatesAndEmptyTiersAreDropped() {
        URI a = live.httpAnnounceUrl();
        TorrentTrackers t = trackers(List.of(List.of(a, a), List.of(), List.of(a)), Loopback.SETTINGS, 1);
        assertEquals(List.of(List.of(a)), t.tiers());
    }

    @Test
    void scrapeAsksTrackersInTierOrderUntilOneKnowsTheTorrent() {
        InfoHash h = Loopback.hash(1);
        await(client.announce(live.udpAnnounceUrl(), Loopback.request(h, Loopback.peer(2), 6002, 0)));
        TorrentTrackers t = trackers(List.of(List.of(dead()), List.of(live.udpAnnounceUrl())), Loopback.SETTINGS, 1);
        assertEquals(new ScrapeStats(1, 0, 0), await(t.scrape(h)));
    }
}
