package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Encryption;
import dev.torrpedo.engine.Event;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import dev.torrpedo.tracker.server.EmbeddedTracker;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How our engine finds peers and metadata with python3-libtorrent on loopback: a magnet link
 * (its tracker in the link) downloads from a libtorrent seeder; libtorrent, given a magnet
 * link and our seeder, fetches the metadata from us; peers a libtorrent peer tells us of by
 * PEX are dialled; and a magnet link with no tracker resolves through a private DHT of three
 * libtorrent nodes and downloads from a libtorrent seeder in it.
 */
class DiscoveryInteropTest {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** A single-file v1 torrent of {@code size} bytes under {@code seedDir}, with these trackers. */
    private Torrent make(Path seedDir, String name, long size, List<String> trackers) throws Exception {
        Path file = Payloads.file(seedDir.resolve(name), size, size);
        TorrentCreator.Builder b = TorrentCreator.builder(file).version(TorrentVersion.V1).pieceLength(32 * 1024)
                .parallelism(1);
        trackers.forEach(b::tracker);
        Torrent t = b.build().create();
        Files.write(dir.resolve(name + ".torrent"), t.bytes());
        return t;
    }

    private Session session(String name, Settings.Builder settings) {
        return Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(dir.resolve(name)).settings(settings.build()).build();
    }

    private static Settings.Builder settings() {
        return Settings.defaults().toBuilder().allowLocalTrackers(true).trackerMinInterval(Duration.ofSeconds(1))
                .encryption(Encryption.PREFER).dht(false).lsd(false);
    }

    private static void await(String what, BooleanSupplier condition, RealPeers.Started... peers)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            for (RealPeers.Started p : peers) {
                if (!p.process().isAlive()) {
                    throw new AssertionError(p.process() + " exited while waiting for " + what + "\n" + tail(p));
                }
            }
            if (System.nanoTime() > deadline) {
                StringBuilder sb = new StringBuilder("timed out waiting for " + what);
                for (RealPeers.Started p : peers) {
                    sb.append('\n').append(tail(p));
                }
                throw new AssertionError(sb.toString());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static String tail(RealPeers.Started p) {
        String s = p.process().output();
        return s.length() <= 3000 ? s : s.substring(s.length() - 3000);
    }

    private static void assertSameFile(Path expected, Path actual) throws IOException {
        assertTrue(Files.exists(actual), actual + " is missing");
        assertArrayEquals(sha256(expected), sha256(actual), actual + " differs from " + expected);
    }

    private static byte[] sha256(Path f) throws IOException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMagnetLinkWithATrackerDownloadsFromALibtorrentSeeder() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EmbeddedTracker tracker = EmbeddedTracker.builder(group, NioServerSocketChannel::new, NioDatagramChannel::new)
                .interval(Duration.ofSeconds(1)).minInterval(Duration.ofSeconds(1)).build().start(0).join();
        Path seedDir = dir.resolve("seed");
        try {
            Torrent t = make(seedDir, "magnet.bin", 3_000_000, List.of(tracker.httpAnnounceUrl().toString()));
            try (RealPeers.Started lt = RealPeers.libtorrent(dir, dir.resolve("magnet.bin.torrent"), seedDir, "prefer",
                         List.of("--tcp-only"));
                 Session session = session("ours", settings())) {
                lt.process().awaitOutput("COMPLETE", DEADLINE);
                await("libtorrent's announce", () -> !tracker.peers(t.infoHash()).isEmpty(), lt);
                List<Event> events = new CopyOnWriteArrayList<>();
                session.subscribe(events::add, Runnable::run);
                String magnet = MagnetLink.of(t).toString();
                assertTrue(magnet.contains("tr="), magnet);
                TorrentHandle h = session.add(AddTorrent.magnet(magnet)).join();
                CompletableFuture<TorrentHandle> done = h.completion();
                await("the download through the magnet link", done::isDone, lt);
                done.join();
                assertSameFile(seedDir.resolve("magnet.bin"), dir.resolve("ours/magnet.bin"));
                assertTrue(events.stream().anyMatch(e -> e.type() == Event.Type.METADATA_RECEIVED), events.toString());
                assertArrayEquals(t.rawInfo(), Torrent.parse(h.torrentFile().orElseThrow()).rawInfo());
            }
        } finally {
            tracker.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void libtorrentFetchesTheMetadataFromOurSeeder() throws Exception {
        Path seedDir = dir.resolve("ours");
        Torrent t = make(seedDir, "served.bin", 2_500_000, List.of());
        try (Session session = session("ours", settings())) {
            TorrentHandle h = session.add(AddTorrent.bytes(t.bytes())).join();
            h.completion().join();
            Path leechDir = Files.createDirectories(dir.resolve("lt"));
            try (RealPeers.Started lt = RealPeers.libtorrentMagnet(dir, MagnetLink.of(t.infoHash()).toString(), leechDir,
                    "prefer", List.of("--tcp-only"), "127.0.0.1:" + session.listenPort())) {
                lt.process().awaitOutput("COMPLETE", DEADLINE);
                assertSameFile(seedDir.resolve("served.bin"), leechDir.resolve("served.bin"));
                assertTrue(h.status().uploadedBytes() >= t.payloadSize(), h.status().toString());
            }
        }
    }

    @Test
    void aPeerLearnedByPexFromLibtorrentIsDialled() throws Exception {
        Path seedDir = dir.resolve("a");
        Torrent t = make(seedDir, "pex.bin", 2_000_000, List.of());
        Path torrentFile = dir.resolve("pex.bin.torrent");
        // A lacks the last pieces: nobody completes, so A and B stay connected while A tells us of B
        // (libtorrent drops a connection between two seeds)
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(seedDir.resolve("pex.bin"),
                java.nio.file.StandardOpenOption.WRITE)) {
            f.truncate(1_500_000);
        }
        try (RealPeers.Started a = RealPeers.libtorrent(dir, torrentFile, seedDir, "prefer", List.of("--tcp-only"))) {
            a.process().awaitOutput("\"state\": \"downloading\"", DEADLINE);
            try (RealPeers.Started b = RealPeers.libtorrent(dir, torrentFile, Files.createDirectories(dir.resolve("b")),
                         "prefer", List.of("--tcp-only"), "127.0.0.1:" + a.port());
                 Session session = session("ours", settings())) {
                await("libtorrent B to connect to libtorrent A", () -> peersOf(a) >= 1, a, b);
                // we are told of A only; B we can learn of only from A's ut_pex messages
                TorrentHandle h = session.add(AddTorrent.bytes(t.bytes()).withPeers(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), a.port()))).join();
                InetSocketAddress bAt = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port());
                await("our connection to B, which only A told us of", () -> h.peers().stream()
                        .anyMatch(p -> p.address().equals(bAt)), a, b);
            }
        }
    }

    /** @return whether a libtorrent DHT node's get_peers found 127.0.0.1:{@code port} for {@code t} */
    private static boolean foundBy(RealPeers.Started node, Torrent t, int port) {
        String prefix = "PEERS " + t.infoHash().id() + " ";
        return node.process().output().lines().anyMatch(l -> l.startsWith(prefix)
                && List.of(l.substring(prefix.length()).split(" ")).contains("127.0.0.1:" + port));
    }

    /** @return the peers libtorrent's last STATUS line counts */
    private static int peersOf(RealPeers.Started lt) {
        String out = lt.process().output();
        int at = out.lastIndexOf("\"peers\": ");
        if (at < 0) {
            return 0;
        }
        int from = at + "\"peers\": ".length();
        int to = from;
        while (to < out.length() && Character.isDigit(out.charAt(to))) {
            to++;
        }
        return to > from ? Integer.parseInt(out.substring(from, to)) : 0;
    }

    @Test
    void aMagnetLinkWithoutTrackersResolvesThroughAPrivateLibtorrentDht() throws Exception {
        List<RealPeers.Started> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RealPeers.libtorrentDht(dir));
            }
            for (RealPeers.Started x : nodes) {
                for (RealPeers.Started y : nodes) {
                    if (x != y) {
                        x.process().send("ADD 127.0.0.1 " + y.port());
                    }
                }
            }
            List<String> dhtOptions = new ArrayList<>(List.of("--tcp-only"));
            List<InetSocketAddress> boot = new ArrayList<>();
            for (RealPeers.Started n : nodes) {
                dhtOptions.add("--dht-node");
                dhtOptions.add("127.0.0.1:" + n.port());
                boot.add(new InetSocketAddress("127.0.0.1", n.port()));
            }
            Path seedDir = dir.resolve("seed");
            Torrent t = make(seedDir, "dht.bin", 2_000_000, List.of());
            try (RealPeers.Started seeder = RealPeers.libtorrent(dir, dir.resolve("dht.bin.torrent"), seedDir, "prefer",
                    dhtOptions)) {
                seeder.process().awaitOutput("COMPLETE", DEADLINE);
                // the seeder's announce is in the DHT: a libtorrent node's get_peers finds it
                RealPeers.Started asker = nodes.get(0);
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (!foundBy(asker, t, seeder.port())) {
                    assertTrue(System.nanoTime() < deadline, "the seeder's DHT announce\n" + tail(seeder) + tail(asker));
                    asker.process().send("GET_PEERS " + t.infoHash().id());
                    TimeUnit.MILLISECONDS.sleep(500);
                }
                try (Session session = session("ours", settings().dht(true).dhtBootstrap(boot))) {
                    String magnet = MagnetLink.of(t.infoHash()).toString();
                    assertFalse(magnet.contains("tr=") || magnet.contains("x.pe="), magnet);
                    TorrentHandle h = session.add(AddTorrent.magnet(magnet)).join();
                    CompletableFuture<TorrentHandle> done = h.completion();
                    await("the download through the DHT", done::isDone, seeder);
                    done.join();
                    assertSameFile(seedDir.resolve("dht.bin"), dir.resolve("ours/dht.bin"));
                    assertTrue(session.stats().dhtNodes() >= 3, session.stats().toString());
                }
            }
        } finally {
            nodes.forEach(RealPeers.Started::close);
        }
    }
}
