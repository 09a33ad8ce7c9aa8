package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.dht.DhtNode;
import dev.torrpedo.dht.DhtSettings;
import dev.torrpedo.dht.DhtState;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import dev.torrpedo.wire.Handshake;
import dev.torrpedo.wire.Reserved;
import dev.torrpedo.wire.WireLimits;
import dev.torrpedo.wire.extension.ExtendedHandshake;
import dev.torrpedo.wire.extension.ExtensionCodec;
import dev.torrpedo.wire.extension.ExtensionMessage;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How sessions find peers besides trackers, in-process on loopback: peer exchange (BEP 11),
 * local service discovery over loopback multicast (BEP 14), and a private DHT of our own
 * nodes through which a magnet link without trackers resolves (BEP 5), with the DHT bit and
 * the PORT message on the wire.
 */
class DiscoveryTest {
    @TempDir
    Path dir;

    private static InetSocketAddress local(Session s) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.listenPort());
    }

    private static boolean connected(TorrentHandle t, Session to) {
        return t.peers().stream().anyMatch(p -> p.address().equals(local(to)));
    }

    @Test
    void peerExchangeLeadsTwoLeechersOfOneSeederToEachOther() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "pex.bin", 2 * 1024 * 1024, 32 * 1024, 31, List.of());
            // a slow seeder: the leechers are still busy when they learn of each other
            Session seeder = swarm.session("seeder", Swarm.settings().uploadRateLimit(256 * 1024).build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            Session b = swarm.session("b", Swarm.settings().build());
            Session c = swarm.session("c", Swarm.settings().build());
            TorrentHandle tb = b.add(AddTorrent.bytes(p.bytes()).withPeers(local(seeder))).join();
            TorrentHandle tc = c.add(AddTorrent.bytes(p.bytes()).withPeers(local(seeder))).join();
            Swarm.await("the leechers to connect to each other through what the seeder told them", Swarm.TIMEOUT,
                    () -> connected(tb, c) || connected(tc, b), swarm::describe);
            Swarm.join(tb.completion(), Swarm.TIMEOUT, swarm::describe);
            Swarm.join(tc.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("b"));
            p.assertIntact(swarm.dir("c"));
        }
    }

    @Test
    void privateTorrentsOfferNoPeerExchangeAndPublicOnesDo() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            for (boolean priv : new boolean[] {false, true}) {
                Path data = swarm.dir("s" + priv).resolve("f.bin");
                Files.createDirectories(data.getParent());
                Files.write(data, new byte[100_000]);
                Torrent torrent = TorrentCreator.builder(data).version(TorrentVersion.V1).pieceLength(16 * 1024)
                        .privateFlag(priv).parallelism(1).build().create();
                Session s = swarm.session("s" + priv, Swarm.settings().encryption(Encryption.PLAINTEXT).build());
                Swarm.join(s.add(AddTorrent.bytes(torrent.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
                ExtendedHandshake h = extendedHandshakeOf(s, torrent);
                assertEquals(!priv, h.extensions().containsKey(ExtensionMessage.UT_PEX), "private " + priv + ": " + h);
                assertTrue(h.extensions().containsKey(ExtensionMessage.UT_METADATA));
                assertEquals(torrent.infoBuffer().remaining(), h.metadataSize().orElseThrow());
            }
        }
    }

    private static ExtendedHandshake extendedHandshakeOf(Session s, Torrent torrent) throws IOException {
        try (RawPeer peer = new RawPeer(s.listenPort())) {
            peer.handshake(torrent.infoHash(), PeerId.generate(new SplittableRandom(1)),
                    Reserved.NONE.with(Reserved.EXTENSION_PROTOCOL, true));
            peer.readHandshake();
            for (int i = 0; i < 20; i++) {
                RawPeer.Frame f = peer.readFrame();
                if (f.id() == 20 && f.payload().length > 0 && f.payload()[0] == 0) {
                    return ExtensionCodec.decodeHandshake(Arrays.copyOfRange(f.payload(), 1, f.payload().length),
                            WireLimits.DEFAULT);
                }
            }
            throw new AssertionError("no extended handshake among the first messages");
        }
    }

    @Test
    void twoSessionsOnLoopbackFindEachOtherByLocalServiceDiscovery() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "lsd.bin", 600_000, 16 * 1024, 41, List.of());
            Settings lsd = Swarm.settings().lsd(true).build();
            Session seeder = swarm.session("seeder", lsd);
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            Session leecher = swarm.session("leecher", lsd);
            // no tracker, no peer given: only the multicast announces can bring them together
            TorrentHandle t = leecher.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(t.completion(), Swarm.TIMEOUT,
                    () -> "(does this host deliver multicast on loopback? see DiscoveryTest) " + swarm.describe());
            p.assertIntact(swarm.dir("leecher"));
        }
    }

    @Test
    void aMagnetWithoutTrackersResolvesThroughAPrivateDht() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        List<DhtNode> nodes = new ArrayList<>();
        try (Swarm swarm = new Swarm(dir)) {
            DhtSettings loopback = DhtSettings.builder().forLoopback().bootstrapNodes(List.of()).uploadRateLimit(0).build();
            for (int i = 0; i < 3; i++) {
                DhtNode n = DhtNode.builder().settings(loopback).bind(group, new InetSocketAddress("127.0.0.1", 0))
                        .callbackExecutor(Runnable::run).build();
                n.start().get(10, TimeUnit.SECONDS);
                nodes.add(n);
            }
            List<InetSocketAddress> boot = new ArrayList<>();
            for (DhtNode n : nodes) {
                boot.add(n.localAddress());
                for (DhtNode m : nodes) {
                    if (m != n) {
                        n.addNode(m.localAddress());
                    }
                }
            }
            Settings dht = Swarm.settings().dht(true).dhtBootstrap(boot).build();
            Payload p = Payload.single(swarm.dir("seeder"), "dht.bin", 500_000, 16 * 1024, 51, List.of());
            Session seeder = swarm.session("seeder", dht);
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            Swarm.await("the seeder's announce to reach the DHT", Swarm.TIMEOUT, () -> nodes.get(0).getPeers(p.infoHash())
                    .join().peers().contains(local(seeder)));
            assertTrue(seeder.stats().dhtNodes() >= 3, seeder.stats().toString());

            Session leecher = swarm.session("leecher", dht);
            String magnet = MagnetLink.of(p.infoHash()).toString();
            assertFalse(magnet.contains("tr="), magnet);
            TorrentHandle t = leecher.add(AddTorrent.magnet(magnet)).join();
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("leecher"));
            leecher.close();
            Path state = swarm.dir("leecher").resolve(".torrpedo/resume/dht.state");
            assertTrue(Files.exists(state), "the routing table is kept for the next run");
            assertTrue(DhtState.decode(Files.readAllBytes(state)).orElseThrow().nodes().size() >= 3);
        } finally {
            nodes.forEach(DhtNode::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void theDhtAndLocalDiscoveryStartAndStopWithTheSettingsAndLeaveNoThreadBehind() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        DhtNode other = DhtNode.builder().settings(DhtSettings.builder().forLoopback().bootstrapNodes(List.of()).build())
                .bind(group, new InetSocketAddress("127.0.0.1", 0)).callbackExecutor(Runnable::run).build();
        try (Swarm swarm = new Swarm(dir)) {
            other.start().get(10, TimeUnit.SECONDS);
            Session s = swarm.session("s", Swarm.settings().dht(true).lsd(true)
                    .dhtBootstrap(List.of(other.localAddress())).build());
            Swarm.await("our node to know the other", Swarm.TIMEOUT, () -> s.stats().dhtNodes() >= 1);
            s.apply(s.settings().toBuilder().dht(false).lsd(false).build());
            assertEquals(0, s.stats().dhtNodes(), "the DHT is off");
            Path state = swarm.dir("s").resolve(".torrpedo/resume/dht.state");
            assertTrue(Files.exists(state), "its routing table was kept when it stopped");
            s.apply(s.settings().toBuilder().dht(true).lsd(true).build());
            Swarm.await("the DHT to run again", Swarm.TIMEOUT, () -> s.stats().dhtNodes() >= 1);
        } finally {
            other.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        Swarm.await("every thread the session started to end", Duration.ofSeconds(10),
                () -> newThreads(before).isEmpty(), () -> newThreads(before).toString());
    }

    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName).toList();
    }

    @Test
    void theHandshakeSaysWeRunADhtNodeAndAPortMessageFollows() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("s"), "port.bin", 100_000, 16 * 1024, 61, List.of());
            // a DHT of our own (no node answers on this port): the node runs, and says so
            Settings dht = Swarm.settings().encryption(Encryption.PLAINTEXT).dht(true)
                    .dhtBootstrap(List.of(new InetSocketAddress("127.0.0.1", 9))).build();
            Session s = swarm.session("s", dht);
            Swarm.join(s.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            try (RawPeer peer = new RawPeer(s.listenPort())) {
                peer.handshake(p.infoHash(), PeerId.generate(new SplittableRandom(2)),
                        Reserved.NONE.with(Reserved.FAST, true).with(Reserved.DHT, true));
                byte[] theirs = peer.readHandshake();
                assertEquals(1, theirs[1 + Handshake.PROTOCOL.length() + 7] & 0x01, "the DHT bit (BEP 5)");
                int port = -1;
                for (int i = 0; i < 20 && port < 0; i++) {
                    RawPeer.Frame f = peer.readFrame();
                    if (f.id() == 9) {
                        port = ByteBuffer.wrap(f.payload()).getShort() & 0xFFFF;
                    }
                }
                assertEquals(s.listenPort(), port, "PORT names the session's (shared TCP and UDP) port");
            }
        }
    }
}
