package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web seeds (BEP 19) against a plain file server on loopback ({@link FileServer}): alone,
 * from a torrent's url-list and added by hand, files spanning pieces, mixed with a peer, a
 * server that sends wrong bytes (the piece fails, the seed is dropped), one that fails first
 * (retried after a back-off on the injected clock), a redirect, and the local-address rule.
 */
class WebSeedTest {
    /** Files that share pieces: shorter than a piece, one byte, several pieces, empty. */
    static final long[] SIZES = {100_000, 1, 300_001, 0, 65_539};

    @TempDir
    Path dir;

    private static Settings.Builder local() {
        return Swarm.settings();
    }

    /** @return the torrent's first web seed, or null before it is added (added on the torrent's loop) */
    private static WebSeedStatus seed(TorrentHandle t) {
        List<WebSeedStatus> all = t.webSeeds();
        return all.isEmpty() ? null : all.get(0);
    }

    @Test
    void aloneFromADirectoryUrl() throws Exception {
        try (Swarm swarm = new Swarm(dir); FileServer server = new FileServer(dir.resolve("www"))) {
            Payload p = Payload.multi(dir.resolve("www"), "ws", SIZES, 32 * 1024, 1, List.of());
            Session leecher = swarm.session("leecher", local().build());
            TorrentHandle t = leecher.add(AddTorrent.bytes(p.bytes())).join();
            t.addWebSeed(server.url("/"));
            Swarm.join(t.completion(), Swarm.TIMEOUT, () -> t.webSeeds().toString());
            p.assertIntact(swarm.dir("leecher"));
            Swarm.await("the seed's count", Duration.ofSeconds(5), () -> seed(t) != null && seed(t).downloadedBytes() > 0);
            WebSeedStatus ws = t.webSeeds().get(0);
            assertTrue(ws.downloadedBytes() >= p.size(), ws.toString());
            assertTrue(ws.state() != WebSeedStatus.State.DROPPED, ws.toString());
        }
    }

    @Test
    void aSingleFileFromTheTorrentsUrlListThroughARedirect() throws Exception {
        try (Swarm swarm = new Swarm(dir); FileServer server = new FileServer(dir.resolve("www"))) {
            Payload.single(dir.resolve("www"), "one.bin", 1_000_003, 64 * 1024, 2, List.of());
            Torrent torrent = TorrentCreator.builder(dir.resolve("www/one.bin")).version(TorrentVersion.HYBRID)
                    .pieceLength(64 * 1024).webSeed(server.url("/moved/one.bin")).parallelism(1).build().create();
            Session leecher = swarm.session("leecher", local().build());
            TorrentHandle t = leecher.add(AddTorrent.bytes(torrent.bytes())).join();
            assertEquals(1, t.webSeeds().size());
            Swarm.join(t.completion(), Swarm.TIMEOUT, () -> t.webSeeds().toString());
            assertTrue(java.util.Arrays.equals(Payload.sha256Of(dir.resolve("www/one.bin")),
                    Payload.sha256Of(swarm.dir("leecher").resolve("one.bin"))));
        }
    }

    @Test
    void mixedWithAPeer() throws Exception {
        try (Swarm swarm = new Swarm(dir); FileServer server = new FileServer(swarm.dir("seeder"))) {
            Payload p = Payload.multi(swarm.dir("seeder"), "mix", new long[] {1_500_000, 7, 1_200_000}, 32 * 1024, 3,
                    List.of());
            // a slow peer, so the web seed gets its share
            Session seeder = swarm.session("seeder", local().uploadRateLimit(512 * 1024).build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            Session leecher = swarm.session("leecher", local().build());
            TorrentHandle t = leecher.add(AddTorrent.bytes(p.bytes())).join();
            t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort()));
            t.addWebSeed(server.url("/"));
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("leecher"));
            Swarm.await("both to be counted", Duration.ofSeconds(5), () -> seed(t) != null && seed(t).downloadedBytes() > 0
                    && seeder.torrents().get(0).status().uploadedBytes() > 0, () -> t.webSeeds() + " " + swarm.describe());
        }
    }

    @Test
    void wrongBytesFailThePieceAndDropTheSeed() throws Exception {
        try (Swarm swarm = new Swarm(dir); FileServer server = new FileServer(swarm.dir("seeder"))) {
            Payload p = Payload.single(swarm.dir("seeder"), "bad.bin", 600_000, 32 * 1024, 4, List.of());
            server.corrupt(true);
            Session leecher = swarm.session("leecher", local().build());
            TorrentHandle t = leecher.add(AddTorrent.bytes(p.bytes())).join();
            t.addWebSeed(server.url("/bad.bin"));
            Swarm.await("the seed to be dropped", Swarm.TIMEOUT,
                    () -> seed(t) != null && seed(t).state() == WebSeedStatus.State.DROPPED, () -> t.webSeeds().toString());
            assertTrue(t.webSeeds().get(0).message().contains("hash"), t.webSeeds().toString());
            assertEquals(0, t.status().piecesDone(), "nothing it sent was kept");
            // a good peer finishes the download
            Session seeder = swarm.session("seeder", local().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            int served = server.requests();
            t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort()));
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("leecher"));
            assertEquals(served, server.requests(), "a dropped seed is not asked again");
        }
    }

    @Test
    void aFailingSeedIsRetriedAfterItsBackOff() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (Swarm swarm = new Swarm(dir); FileServer server = new FileServer(dir.resolve("www"))) {
            Payload p = Payload.single(dir.resolve("www"), "later.bin", 200_000, 32 * 1024, 5, List.of());
            server.failNext(2);
            Session leecher = swarm.session("leecher", local().build(), clock);
            TorrentHandle t = leecher.add(AddTorrent.bytes(p.bytes())).join();
            t.addWebSeed(server.url("/later.bin"));
            Swarm.await("the first failure", Swarm.TIMEOUT, () -> seed(t) != null && seed(t).failures() == 1);
            assertEquals(WebSeedStatus.State.WAITING, t.webSeeds().get(0).state());
            assertEquals(1, server.requests(), "not asked again before the back-off ends");
            clock.advance(Duration.ofSeconds(5));
            Swarm.await("the second failure", Swarm.TIMEOUT, () -> seed(t) != null && seed(t).failures() == 2);
            clock.advance(Duration.ofSeconds(5));
            assertEquals(2, server.requests(), "the second back-off is twice as long");
            clock.advance(Duration.ofSeconds(5));
            Swarm.join(t.completion(), Swarm.TIMEOUT, () -> t.webSeeds().toString());
            p.assertIntact(swarm.dir("leecher"));
        }
    }

    @Test
    void aLocalSeedIsRefusedUnlessAllowed() throws Exception {
        try (Swarm swarm = new Swarm(dir); FileServer server = new FileServer(dir.resolve("www"))) {
            Payload p = Payload.single(dir.resolve("www"), "local.bin", 50_000, 32 * 1024, 6, List.of());
            Session leecher = swarm.session("leecher", local().allowLocalTrackers(false).build());
            TorrentHandle t = leecher.add(AddTorrent.bytes(p.bytes())).join();
            t.addWebSeed(server.url("/local.bin"));
            Swarm.await("the seed to be dropped", Swarm.TIMEOUT,
                    () -> seed(t) != null && seed(t).state() == WebSeedStatus.State.DROPPED, () -> t.webSeeds().toString());
            assertTrue(t.webSeeds().get(0).message().contains("local"), t.webSeeds().toString());
            assertEquals(0, server.requests());
        }
    }
}
