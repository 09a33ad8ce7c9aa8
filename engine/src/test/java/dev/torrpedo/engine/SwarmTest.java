package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process swarms on loopback: real sockets, real files, the embedded tracker. */
class SwarmTest {
    @TempDir
    Path dir;

    @Test
    void oneSeederToOneLeecher() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "one.bin", 3 * 1024 * 1024 + 12345, 64 * 1024, 1,
                    List.of(swarm.httpTracker()));
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            TorrentHandle s = seeder.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(s.completion(), Swarm.TIMEOUT, swarm::describe);
            TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("leecher"));
            TorrentStatus st = l.status();
            assertEquals(TorrentState.SEEDING, st.state());
            assertEquals(1.0, st.progress());
            assertEquals(p.size(), st.completedBytes());
            assertTrue(st.downloadedBytes() >= p.size(), st.toString());
            assertEquals(p.size(), s.status().uploadedBytes(), "the seeder sent each block once");
            // the tracker heard started, completed and, when the leecher's session closed, stopped
            Swarm.await("the tracker to count the completed download", Swarm.TIMEOUT,
                    () -> swarm.tracker().stats(p.infoHash()).map(x -> x.completed() >= 1).orElse(false));
            InetSocketAddress leecherAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), leecher.listenPort());
            assertTrue(swarm.tracker().peers(p.infoHash()).contains(leecherAddress));
            leecher.close();
            assertFalse(swarm.tracker().peers(p.infoHash()).contains(leecherAddress), "stopped was announced on close");
        }
    }

    @Test
    void threeSeedersToFiveLeechersWithPartialSeeds() {
        try (Swarm swarm = new Swarm(dir)) {
            // no seeder has everything: each lacks a third of the pieces, together they have all
            Payload p = Payload.multi(dir.resolve("original"), "multi", new long[] {3_000_000, 1, 0, 2_500_000, 700_001},
                    64 * 1024, 6, List.of(swarm.udpTracker()));
            List<TorrentHandle> seeds = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                int missing = k;
                p.copy(dir.resolve("original"), swarm.dir("seed" + k));
                p.damage(swarm.dir("seed" + k), piece -> piece % 3 == missing);
                Session s = swarm.session("seed" + k, Swarm.settings().build());
                // added paused, so it checks its data without fetching from the seeds before it
                TorrentHandle t = s.add(AddTorrent.bytes(p.bytes()).withPaused(true)).join();
                Swarm.await("seed" + k + " to check its data", Swarm.TIMEOUT,
                        () -> t.status().state() == TorrentState.PAUSED);
                int expected = (int) java.util.stream.IntStream.range(0, p.torrent().pieceCount())
                        .filter(i -> i % 3 != missing).count();
                assertEquals(expected, t.status().piecesDone(), "a partial seed has exactly its good pieces");
                seeds.add(t);
            }
            seeds.forEach(TorrentHandle::resume);
            List<TorrentHandle> leechers = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                Session s = swarm.session("leech" + k, Swarm.settings().build());
                leechers.add(s.add(AddTorrent.bytes(p.bytes())).join());
            }
            List<TorrentHandle> all = new ArrayList<>(seeds);
            all.addAll(leechers);
            for (TorrentHandle t : all) {
                Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            }
            for (int k = 0; k < 3; k++) {
                p.assertIntact(swarm.dir("seed" + k));
                assertTrue(seeds.get(k).status().uploadedBytes() > 0, "partial seed " + k + " uploaded nothing");
            }
            for (int k = 0; k < 5; k++) {
                p.assertIntact(swarm.dir("leech" + k));
            }
        }
    }

    @Test
    void pauseResumeAndRemoveInTheMiddle() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "mid.bin", 4 * 1024 * 1024, 32 * 1024, 7,
                    List.of(swarm.httpTracker()));
            // the seeder sends slowly enough that "the middle" lasts
            Session seeder = swarm.session("seeder", Swarm.settings().uploadRateLimit(2 * 1024 * 1024).build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);

            Session pauser = swarm.session("pauser", Swarm.settings().build());
            Session remover = swarm.session("remover", Swarm.settings().build());
            Session deleter = swarm.session("deleter", Swarm.settings().build());
            List<Event> events = new CopyOnWriteArrayList<>();
            pauser.subscribe(events::add, Runnable::run);
            TorrentHandle a = pauser.add(AddTorrent.bytes(p.bytes())).join();
            TorrentHandle b = remover.add(AddTorrent.bytes(p.bytes())).join();
            TorrentHandle c = deleter.add(AddTorrent.bytes(p.bytes())).join();
            for (TorrentHandle t : List.of(a, b, c)) {
                Swarm.await("a quarter downloaded", Swarm.TIMEOUT, () -> t.status().progress() >= 0.25, swarm::describe);
            }

            a.pause();
            Swarm.await("the pause", Duration.ofSeconds(10),
                    () -> a.status().state() == TorrentState.PAUSED && a.status().peers() == 0);
            // the event follows the status on the subscriber's executor
            Swarm.await("the pause event", Duration.ofSeconds(10), () -> events.stream()
                    .anyMatch(e -> e instanceof Event.StateChanged sc && sc.to() == TorrentState.PAUSED));
            assertTrue(a.status().progress() < 1.0, "paused before the end");

            b.remove(false).get();
            assertTrue(remover.torrents().isEmpty());
            assertThrows(Exception.class, () -> b.completion().join());
            long keptBytes = Files.size(swarm.dir("remover").resolve("mid.bin"));
            assertTrue(keptBytes > 0, "remove(false) keeps the data");

            c.remove(true).get();
            assertFalse(Files.exists(swarm.dir("deleter").resolve("mid.bin")), "remove(true) deletes the data");

            a.resume();
            Swarm.join(a.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("pauser"));

            // added again, the removed torrent goes on from its resume data
            TorrentHandle b2 = remover.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.await("the check of what was kept", Swarm.TIMEOUT,
                    () -> b2.status().state() != TorrentState.CHECKING);
            int kept = b2.status().piecesDone();
            assertTrue(kept >= p.torrent().pieceCount() / 4, "kept " + kept + " pieces");
            Swarm.join(b2.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("remover"));
            // what was missing, and a few blocks more: in endgame a block may come from two seeds
            long endgameSlack = 16 * 16384;
            assertTrue(b2.status().downloadedBytes() <= p.size() - (long) kept * p.torrent().pieceLength() + endgameSlack,
                    "downloaded again only what was missing: " + b2.status());

            TorrentHandle c2 = deleter.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(c2.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("deleter"));
            assertTrue(c2.status().downloadedBytes() >= p.size(), "deleted data is downloaded again in full");
        }
    }

    @Test
    void theTrackerGoingAwayAfterTheFirstAnnounce() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "gone.bin", 4 * 1024 * 1024, 64 * 1024, 8,
                    List.of(swarm.httpTracker()));
            Session seeder = swarm.session("seeder", Swarm.settings().uploadRateLimit(2 * 1024 * 1024).build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            List<Event> events = new CopyOnWriteArrayList<>();
            List<TorrentHandle> leechers = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Session s = swarm.session("leech" + k, Swarm.settings().build());
                s.subscribe(events::add, Runnable::run);
                leechers.add(s.add(AddTorrent.bytes(p.bytes())).join());
            }
            Swarm.await("every peer registered", Swarm.TIMEOUT, () -> swarm.tracker().peers(p.infoHash()).size() == 3);
            swarm.tracker().close();
            for (TorrentHandle t : leechers) {
                Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            }
            p.assertIntact(swarm.dir("leech0"));
            p.assertIntact(swarm.dir("leech1"));
            Swarm.await("a failed re-announce to be reported", Swarm.TIMEOUT,
                    () -> events.stream().anyMatch(e -> e.type() == Event.Type.TRACKER_ERROR));
            TrackerStatus ts = leechers.get(0).trackers().get(0);
            assertEquals(swarm.httpTracker(), ts.url());
        }
    }
}
