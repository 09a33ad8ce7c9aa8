package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BString;
import dev.torrpedo.dht.DhtNode;
import dev.torrpedo.dht.DhtSettings;
import dev.torrpedo.dht.ImmutableItem;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.PeerLookup;
import dev.torrpedo.metainfo.InfoHash;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private DHT of three python3-libtorrent nodes on 127.0.0.1 and ours: our node
 * bootstraps from them, libtorrent's get_peers finds our announce, and our get_peers
 * finds libtorrent's; BEP 44 immutable items put by either are found by the other.
 */
class LibtorrentDhtTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void ourNodeAndLibtorrentFindEachOthersPeers() throws Exception {
        List<RealPeers.Started> lt = new ArrayList<>();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            for (int i = 0; i < 3; i++) {
                lt.add(RealPeers.libtorrentDht(dir));
            }
            for (RealPeers.Started a : lt) {
                for (RealPeers.Started b : lt) {
                    if (a != b) {
                        a.process().send("ADD 127.0.0.1 " + b.port());
                    }
                }
            }
            for (RealPeers.Started a : lt) {
                a.process().await(() -> nodes(a) >= 2, "two nodes in libtorrent's table", DEADLINE);
            }

            List<InetSocketAddress> boot = new ArrayList<>();
            lt.forEach(s -> boot.add(new InetSocketAddress("127.0.0.1", s.port())));
            DhtSettings settings = DhtSettings.builder().forLoopback().bootstrapNodes(boot)
                    .uploadRateLimit(0).requestTimeout(Duration.ofSeconds(3)).tickInterval(Duration.ofMillis(100)).build();
            try (DhtNode ours = DhtNode.builder().settings(settings)
                    .bind(group, new InetSocketAddress("127.0.0.1", 0)).callbackExecutor(Runnable::run).build()) {
                ours.start().get(30, TimeUnit.SECONDS);
                assertTrue(ours.nodeCount() >= 3, "our node bootstrapped from libtorrent: " + ours.stats());

                // ours announces; each libtorrent node finds us by get_peers
                InfoHash mine = InfoHash.v1(HexFormat.of().parseHex("0102030405060708091011121314151617181920"));
                PeerLookup announced = ours.announce(mine, 4711).get(30, TimeUnit.SECONDS);
                assertTrue(announced.announcedTo() >= 2, announced.toString());
                RealPeers.Started asker = lt.get(1);
                asker.process().send("GET_PEERS " + mine.id());
                asker.process().awaitOutput("PEERS " + mine.id() + " 127.0.0.1:4711", DEADLINE);

                // libtorrent announces (a torrent it wants); ours finds it by get_peers
                InfoHash theirs = InfoHash.v1(HexFormat.of().parseHex("a1a2a3a4a5a6a7a8a9b0b1b2b3b4b5b6b7b8b9c0"));
                RealPeers.Started announcer = lt.get(2);
                announcer.process().send("ANNOUNCE " + theirs.id());
                InetSocketAddress expected = new InetSocketAddress("127.0.0.1", announcer.port());
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                PeerLookup found;
                do {
                    found = ours.getPeers(theirs).get(30, TimeUnit.SECONDS);
                    if (!found.peers().contains(expected)) {
                        TimeUnit.MILLISECONDS.sleep(500); // libtorrent announces once its own lookup ends: poll
                    }
                } while (!found.peers().contains(expected) && System.nanoTime() < deadline);
                assertTrue(found.peers().contains(expected), "libtorrent's announce not found: " + found);

                // BEP 44: ours puts, libtorrent gets; libtorrent puts, ours gets
                ImmutableItem item = new ImmutableItem(BString.of("stored by torrpedo"));
                assertTrue(ours.put(item).get(30, TimeUnit.SECONDS).storedAt() >= 2);
                asker.process().send("GET_IMMUTABLE " + item.target().hex());
                asker.process().awaitOutput("ITEM " + item.target().hex() + " "
                        + HexFormat.of().formatHex(item.value().rawBytes()), DEADLINE);
                announcer.process().send("PUT_IMMUTABLE stored by libtorrent");
                NodeId target = new ImmutableItem(BString.of("stored by libtorrent")).target();
                announcer.process().awaitOutput("PUT_DONE " + target.hex(), DEADLINE);
                Optional<ImmutableItem> got = ours.getImmutable(target).get(30, TimeUnit.SECONDS);
                assertEquals(BString.of("stored by libtorrent"), got.orElseThrow().value());
            }
        } finally {
            lt.forEach(RealPeers.Started::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static int nodes(RealPeers.Started lt) {
        String out = lt.process().output();
        int at = out.lastIndexOf("NODES ");
        if (at < 0) {
            return 0;
        }
        String[] parts = out.substring(at).split("\\s+");
        return Integer.parseInt(parts[1]);
    }
}
