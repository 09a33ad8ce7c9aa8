package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.AnnounceRequest;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.HttpTrackerClient;
import dev.torrpedo.tracker.ScrapeStats;
import dev.torrpedo.tracker.TrackerClient;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import dev.torrpedo.tracker.TrackerSettings;
import dev.torrpedo.tracker.UdpTrackerClient;
import dev.torrpedo.tracker.server.EmbeddedTracker;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our tracker clients against a real opentracker, and real clients (python3-libtorrent,
 * aria2c) finding each other through our embedded tracker.
 */
class TrackerInteropTest {
    private static final TrackerSettings SETTINGS = TrackerSettings.defaults().toBuilder()
            .allowLocalTrackers(true).requestTimeout(Duration.ofSeconds(10))
            .udpRetransmitBase(Duration.ofSeconds(1)).udpMaxRetransmits(3).build();

    @TempDir
    Path dir;

    private EventLoopGroup group;
    private TrackerClient client;

    @BeforeEach
    void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        HttpTrackerClient http = HttpTrackerClient.builder(group, NioSocketChannel::new).settings(SETTINGS).build();
        UdpTrackerClient udp = UdpTrackerClient.builder().settings(SETTINGS).random(new SplittableRandom(1))
                .open(group, NioDatagramChannel::new, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).join();
        client = TrackerClient.routing(http, udp);
    }

    @AfterEach
    void stop() {
        client.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("tracker request failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static AnnounceRequest request(InfoHash h, int seed, int port, long left) {
        return AnnounceRequest.builder(h, PeerId.generate(new SplittableRandom(seed)), port).left(left)
                .event(AnnounceEvent.STARTED).numWant(50).key(seed).build();
    }

    @Test
    void announceAndScrapeAgainstOpentrackerOverHttpAndUdp() throws IOException {
        InfoHash h = InfoHash.parseHex("0123456789abcdef0123456789abcdef01234567");
        Path trackerDir = Files.createDirectories(dir.resolve("opentracker"));
        try (RealPeers.Started ot = RealPeers.opentracker(trackerDir, List.of(h.id()))) {
            URI http = URI.create("http://127.0.0.1:" + ot.port() + "/announce");
            URI udp = URI.create("udp://127.0.0.1:" + ot.port() + "/announce");

            // two of our clients find each other: one over HTTP, the other over UDP
            AnnounceResponse first = await(client.announce(http, request(h, 1, 6001, 0)));
            InetSocketAddress us = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6001);
            assertTrue(List.of(us).containsAll(first.peers()), "opentracker may list the announcing peer itself");
            assertTrue(first.interval().compareTo(Duration.ofSeconds(300)) >= 0, first.toString());
            AnnounceResponse second = await(client.announce(udp, request(h, 2, 6002, 1000)));
            assertTrue(second.peers().contains(us), second.peers().toString());
            AnnounceResponse third = await(client.announce(http, request(h, 1, 6001, 0).withEvent(AnnounceEvent.NONE)));
            assertTrue(third.peers().contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6002)),
                    third.peers().toString());

            for (URI url : List.of(http, udp)) {
                ScrapeStats s = await(client.scrape(url, List.of(h))).files().get(h);
                assertEquals(1, s.seeders(), url + ": " + s);
                assertEquals(1, s.leechers(), url + ": " + s);
            }

            // a hash off the whitelist: the tracker's refusal is that tracker's error
            InfoHash unknown = InfoHash.parseHex("00".repeat(20));
            try {
                client.announce(http, request(unknown, 3, 6003, 0)).get(30, TimeUnit.SECONDS);
                throw new AssertionError("opentracker accepted a hash off its whitelist");
            } catch (ExecutionException e) {
                assertEquals(TrackerError.FAILURE, ((TrackerException) e.getCause()).error());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void libtorrentSeedsToAria2ThroughOurEmbeddedTracker() throws IOException {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder(group, NioServerSocketChannel::new, NioDatagramChannel::new)
                .interval(Duration.ofSeconds(5)).build().start(0).join()) {
            Path payload = Payloads.file(dir.resolve("seed/payload.bin"), 700_000, 11);
            // the same info dictionary, announced over UDP for libtorrent and over HTTP for aria2 (whose
            // UDP tracker support needs its DHT, which RealPeers turns off)
            Path forLibtorrent = dir.resolve("lt.torrent");
            Path forAria2 = dir.resolve("aria2.torrent");
            String hex = makeTorrent(payload, forLibtorrent, tracker.udpAnnounceUrl());
            assertEquals(hex, makeTorrent(payload, forAria2, tracker.httpAnnounceUrl()));
            InfoHash h = InfoHash.parseHex(hex);

            Path leechDir = Files.createDirectories(dir.resolve("leech"));
            try (RealPeers.Started seeder = RealPeers.libtorrent(dir, forLibtorrent, payload.getParent(), "prefer");
                 RealPeers.Started leecher = RealPeers.aria2(dir, forAria2, leechDir)) {
                try {
                    seeder.process().await(() -> tracker.peers(h).size() == 2,
                            "both clients registered with the embedded tracker", Duration.ofSeconds(60));
                } catch (AssertionError e) {
                    throw new AssertionError("registered: " + tracker.peers(h) + "; aria2:\n" + leecher.process().output(), e);
                }
                assertTrue(tracker.peers(h).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.port())),
                        tracker.peers(h).toString());
                assertTrue(tracker.peers(h).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), leecher.port())),
                        tracker.peers(h).toString());
                // aria2 found libtorrent through the tracker and downloads the payload from it
                byte[] expected = Files.readAllBytes(payload);
                Path got = leechDir.resolve("payload.bin");
                leecher.process().await(() -> sameContent(got, expected), "the payload downloaded by aria2",
                        Duration.ofSeconds(90));
            }
        }
    }

    @Test
    void libtorrentFindsAnAria2SeederThroughOurEmbeddedTracker() throws IOException {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder(group, NioServerSocketChannel::new, NioDatagramChannel::new)
                .interval(Duration.ofSeconds(5)).build().start(0).join()) {
            Path payload = Payloads.file(dir.resolve("seed/payload.bin"), 500_000, 12);
            Path forLibtorrent = dir.resolve("lt.torrent");
            Path forAria2 = dir.resolve("aria2.torrent");
            InfoHash h = InfoHash.parseHex(makeTorrent(payload, forAria2, tracker.httpAnnounceUrl()));
            makeTorrent(payload, forLibtorrent, tracker.udpAnnounceUrl());
            Path leechDir = Files.createDirectories(dir.resolve("leech"));
            try (RealPeers.Started seeder = RealPeers.aria2(dir, forAria2, payload.getParent())) {
                seeder.process().await(() -> tracker.peers(h).size() == 1, "aria2 registered", Duration.ofSeconds(60));
                try (RealPeers.Started leecher = RealPeers.libtorrent(dir, forLibtorrent, leechDir, "prefer")) {
                    // libtorrent's only way to aria2 is the peer list of our tracker's UDP answer
                    leecher.process().awaitOutput("received peers: 1", Duration.ofSeconds(60));
                    leecher.process().awaitOutput("COMPLETE", Duration.ofSeconds(90));
                    assertTrue(sameContent(leechDir.resolve("payload.bin"), Files.readAllBytes(payload)));
                    assertEquals(2, tracker.peers(h).size());
                }
            }
        }
    }

    @Test
    void transmissionRegistersWithOurEmbeddedTrackerAndLibtorrentFindsIt() throws IOException {
        try (EmbeddedTracker tracker = EmbeddedTracker.builder(group, NioServerSocketChannel::new, NioDatagramChannel::new)
                .interval(Duration.ofSeconds(5)).build().start(0).join()) {
            Path payload = Payloads.file(dir.resolve("seed/payload.bin"), 300_000, 13);
            Path torrent = dir.resolve("tr.torrent");
            InfoHash h = InfoHash.parseHex(makeTorrent(payload, torrent, tracker.httpAnnounceUrl()));
            Path leechDir = Files.createDirectories(dir.resolve("leech"));
            try (RealPeers.Started seeder = RealPeers.transmission(dir, torrent, payload.getParent())) {
                seeder.process().await(() -> tracker.peers(h).size() == 1, "Transmission registered",
                        Duration.ofSeconds(60));
                try (RealPeers.Started leecher = RealPeers.libtorrent(dir, torrent, leechDir, "prefer")) {
                    leecher.process().awaitOutput("COMPLETE", Duration.ofSeconds(90));
                    assertTrue(sameContent(leechDir.resolve("payload.bin"), Files.readAllBytes(payload)));
                }
            }
        }
    }

    private static boolean sameContent(Path file, byte[] expected) {
        try {
            return Files.size(file) == expected.length && java.util.Arrays.equals(Files.readAllBytes(file), expected);
        } catch (IOException e) {
            return false; // not there yet
        }
    }

    private String makeTorrent(Path payload, Path out, URI tracker) {
        String json = RealPeers.run(dir, Duration.ofSeconds(60), RealPeers.PYTHON,
                RealPeers.pythonScript("lt_make_torrent.py").toString(), "--mode", "v1", "--piece-size", "32768",
                "--tracker", tracker.toString(), "--out", out.toString(), payload.toString());
        return BencodeDecoder.strict().decode(FlatJson.toBencode(json.lines().filter(l -> l.startsWith("{"))
                .findFirst().orElseThrow())).asDictionary().getUtf8("v1");
    }
}
