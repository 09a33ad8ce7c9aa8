package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.metainfo.PeerId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules a session enforces on its connections: timeouts, keep-alives, limits, duplicates, itself. */
class PeerRulesTest {
    @TempDir
    Path dir;

    private static PeerId id(int seed) {
        return PeerId.generate(new SplittableRandom(seed));
    }

    private TorrentHandle seeding(Swarm swarm, Session s, Payload p) {
        TorrentHandle t = s.add(AddTorrent.bytes(p.bytes())).join();
        Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
        return t;
    }

    @Test
    void theHandshakeTimeoutRunsOnTheInjectedClock() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
            Session s = swarm.session("s", Swarm.settings().build(), clock);
            try (RawPeer silent = new RawPeer(s.listenPort())) {
                silent.socket().setSoTimeout(2500);
                assertFalse(silent.closedByTheOtherEnd(), "closed although the session's clock did not move");
                clock.advance(Duration.ofSeconds(11));
                silent.socket().setSoTimeout(10_000);
                assertTrue(silent.closedByTheOtherEnd(), "no handshake 11 s by the session's clock: closed");
            }
        }
    }

    @Test
    void keepAlivesGoOutAndASilentPeerIsDropped() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("s"), "k.bin", 100_000, 16 * 1024, 51, List.of());
            Session s = swarm.session("s", Swarm.settings().peerTimeout(Duration.ofSeconds(3)).build());
            TorrentHandle t = seeding(swarm, s, p);
            try (RawPeer peer = new RawPeer(s.listenPort())) {
                peer.handshake(p.infoHash(), id(1)).readHandshake();
                Swarm.await("the peer to be registered", Duration.ofSeconds(10), () -> t.status().peers() == 1);
                int id;
                do {
                    id = peer.readMessageId();
                } while (id != -1);
                assertTrue(peer.closedByTheOtherEnd(), "a peer silent for longer than peerTimeout is dropped");
                Swarm.await("the session to forget it", Duration.ofSeconds(10), () -> t.status().peers() == 0);
            }
        }
    }

    @Test
    void connectionLimitsPerTorrentAndPerSession() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("s"), "l.bin", 100_000, 16 * 1024, 52, List.of());
            Session s = swarm.session("s", Swarm.settings().maxConnectionsPerTorrent(2).build());
            TorrentHandle t = seeding(swarm, s, p);
            try (RawPeer a = new RawPeer(s.listenPort()); RawPeer b = new RawPeer(s.listenPort());
                 RawPeer c = new RawPeer(s.listenPort())) {
                a.handshake(p.infoHash(), id(1)).readHandshake();
                b.handshake(p.infoHash(), id(2)).readHandshake();
                Swarm.await("two peers", Duration.ofSeconds(10), () -> t.status().peers() == 2);
                c.handshake(p.infoHash(), id(3));
                assertTrue(c.closedByTheOtherEnd(), "the third connection of a torrent limited to two is refused");
                assertEquals(2, t.status().peers());
            }
            Session one = swarm.session("one", Swarm.settings().maxConnections(1).build());
            TorrentHandle u = one.add(AddTorrent.bytes(p.bytes()).withSavePath(swarm.dir("s"))).join();
            Swarm.join(u.completion(), Swarm.TIMEOUT, swarm::describe);
            try (RawPeer a = new RawPeer(one.listenPort()); RawPeer b = new RawPeer(one.listenPort())) {
                a.handshake(p.infoHash(), id(1)).readHandshake();
                Swarm.await("one peer", Duration.ofSeconds(10), () -> u.status().peers() == 1);
                assertTrue(b.closedByTheOtherEnd(), "a session limited to one connection refuses a second");
            }
        }
    }

    @Test
    void aSecondConnectionFromTheSamePeerIsRefused() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("s"), "d.bin", 100_000, 16 * 1024, 53, List.of());
            Session s = swarm.session("s", Swarm.settings().build());
            TorrentHandle t = seeding(swarm, s, p);
            try (RawPeer a = new RawPeer(s.listenPort()); RawPeer b = new RawPeer(s.listenPort())) {
                a.handshake(p.infoHash(), id(7)).readHandshake();
                Swarm.await("the first connection", Duration.ofSeconds(10), () -> t.status().peers() == 1);
                b.handshake(p.infoHash(), id(7));
                assertTrue(b.closedByTheOtherEnd(), "the same peer id twice: the second is refused");
                assertEquals(1, t.status().peers());
            }
        }
    }

    @Test
    void aSessionDoesNotConnectToItself() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("s"), "self.bin", 100_000, 16 * 1024, 54, List.of());
            Session s = swarm.session("s", Swarm.settings().encryption(Encryption.PLAINTEXT).build());
            TorrentHandle t = s.add(AddTorrent.bytes(p.bytes())).join();
            InetSocketAddress us = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.listenPort());
            t.addPeer(us);
            Swarm.await("the self-connection to be recognised", Duration.ofSeconds(10),
                    () -> !((TorrentImpl) t).willDial(us).join());
            assertEquals(0, t.status().peers());
        }
    }

    @Test
    void aTinyDiskQueueStopsReadingAndStillCompletes() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "bp.bin", 6 * 1024 * 1024, 256 * 1024, 55, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            seeding(swarm, seeder, p);
            Session leecher = swarm.session("leecher", Swarm.settings().diskQueueHighWater(32 * 1024).build());
            TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes())
                    .withPeers(new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort()))).join();
            Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("leecher"));
        }
    }

    @Test
    void rateLimitsHoldForTheSessionAndTheTorrent() {
        try (Swarm swarm = new Swarm(dir)) {
            long size = 3 * 1024 * 1024;
            long rate = 1024 * 1024;
            Payload p = Payload.single(swarm.dir("seeder"), "rl.bin", size, 64 * 1024, 56, List.of());
            InetSocketAddress[] seed = new InetSocketAddress[1];
            Session seeder = swarm.session("seeder", Swarm.settings().uploadRateLimit(rate).build());
            seeding(swarm, seeder, p);
            seed[0] = new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort());
            // the session's upload limit
            Session a = swarm.session("a", Swarm.settings().build());
            long start = System.nanoTime();
            TorrentHandle ta = a.add(AddTorrent.bytes(p.bytes()).withPeers(seed)).join();
            Swarm.join(ta.completion(), Swarm.TIMEOUT, swarm::describe);
            assertAtLeast(size, rate, System.nanoTime() - start);
            // a torrent's own download limit, with the seeder unlimited now
            seeder.apply(seeder.settings().toBuilder().uploadRateLimit(0).build());
            Session b = swarm.session("b", Swarm.settings().build());
            start = System.nanoTime();
            TorrentHandle tb = b.add(AddTorrent.bytes(p.bytes()).withPeers(seed)
                    .withLimits(TorrentLimits.NONE.withDownloadRate(rate))).join();
            Swarm.join(tb.completion(), Swarm.TIMEOUT, swarm::describe);
            assertAtLeast(size, rate, System.nanoTime() - start);
            p.assertIntact(swarm.dir("a"));
            p.assertIntact(swarm.dir("b"));
        }
    }

    /** No faster than the limit allows: the burst (a quarter second) and one block of overdraft aside. */
    private static void assertAtLeast(long size, long rate, long elapsedNanos) {
        long allowed = size - rate / 4 - 64 * 1024;
        long minNanos = allowed * 1_000_000_000L / rate;
        assertTrue(elapsedNanos >= minNanos, "took " + elapsedNanos / 1_000_000 + " ms for " + size + " bytes at "
                + rate + " B/s (expected: >= " + minNanos / 1_000_000 + " ms)");
    }

    @Test
    void moveAndRecheck() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "mv.bin", 1024 * 1024, 32 * 1024, 57, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            seeding(swarm, seeder, p);
            Session s = swarm.session("s", Swarm.settings().build());
            TorrentHandle t = s.add(AddTorrent.bytes(p.bytes())
                    .withPeers(new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort()))).join();
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            Path moved = dir.resolve("moved");
            t.move(moved).get();
            assertEquals(moved, t.status().savePath());
            p.assertIntact(moved);
            assertFalse(java.nio.file.Files.exists(swarm.dir("s").resolve("mv.bin")));

            p.damage(moved, piece -> piece == 3);
            t.recheck().get();
            assertEquals(p.torrent().pieceCount() - 1, t.status().piecesDone(), "the damaged piece is found");
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(moved);
        }
    }
}
