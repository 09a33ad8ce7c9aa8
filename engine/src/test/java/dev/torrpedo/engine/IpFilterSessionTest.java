package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.PeerId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IP filter over real sockets: a filtered address is refused when it connects, never
 * dialled, and dropped when a new filter blocks it. Loopback has the whole of 127/8, so the
 * filtered peer is 127.0.0.2 and the allowed one 127.0.0.3.
 */
class IpFilterSessionTest {
    static final InetAddress BLOCKED = IpFilterParseTest.ip("127.0.0.2");
    static final InetAddress ALLOWED = IpFilterParseTest.ip("127.0.0.3");
    static final PeerId ID = PeerId.of("-XX0001-filterfilter".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    private static IpFilter blockingTheFirst() throws Exception {
        return IpFilter.parse("# test\n127.0.0.2\n");
    }

    @Test
    void aFilteredPeerIsRefusedWhenItConnects() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "f.bin", 100_000, 16 * 1024, 1, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            seeder.setIpFilter(blockingTheFirst());
            assertEquals(1, seeder.ipFilter().rangeCount());
            try (RawPeer ok = new RawPeer(seeder.listenPort(), ALLOWED);
                 RawPeer bad = new RawPeer(seeder.listenPort(), BLOCKED)) {
                ok.handshake(p.infoHash(), ID);
                assertEquals(68, ok.readHandshake().length, "an allowed peer gets a handshake");
                assertTrue(bad.closedByTheOtherEnd(), "a filtered peer is closed at once");
            }
        }
    }

    @Test
    void aFilteredPeerIsNeverDialled() throws Exception {
        try (Swarm swarm = new Swarm(dir);
             ServerSocket blocked = new ServerSocket(0, 5, BLOCKED);
             ServerSocket allowed = new ServerSocket(0, 5, ALLOWED)) {
            Payload p = Payload.single(swarm.dir("x"), "f.bin", 100_000, 16 * 1024, 2, List.of());
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            leecher.setIpFilter(blockingTheFirst());
            TorrentHandle t = leecher.add(AddTorrent.bytes(p.bytes())).join();
            t.addPeer(new InetSocketAddress(BLOCKED, blocked.getLocalPort()));
            t.addPeer(new InetSocketAddress(ALLOWED, allowed.getLocalPort()));
            allowed.setSoTimeout((int) Swarm.TIMEOUT.toMillis());
            try (Socket dialled = allowed.accept()) {
                assertEquals(leecher.listenPort() > 0, dialled.isConnected());
            }
            // both were added at once: a dial to the blocked one would have come with the other
            blocked.setSoTimeout(1500);
            assertThrows(SocketTimeoutException.class, () -> blocked.accept().close());
        }
    }

    @Test
    void aNewFilterDropsConnectionsItBlocks() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "f.bin", 100_000, 16 * 1024, 3, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            try (RawPeer bad = new RawPeer(seeder.listenPort(), BLOCKED)) {
                bad.handshake(p.infoHash(), ID);
                bad.readHandshake();
                Swarm.await("the peer to register", Swarm.TIMEOUT, () -> seeder.torrents().get(0).peers().size() == 1);
                seeder.setIpFilter(blockingTheFirst());
                assertTrue(bad.closedByTheOtherEnd());
            }
            seeder.setIpFilter(IpFilter.NONE);
            try (RawPeer back = new RawPeer(seeder.listenPort(), BLOCKED)) {
                back.handshake(p.infoHash(), ID);
                assertEquals(68, back.readHandshake().length, "no filter, no refusal");
            }
        }
    }
}
