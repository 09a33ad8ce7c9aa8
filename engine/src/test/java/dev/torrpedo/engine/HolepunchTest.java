package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torrpedo.wire.extension.ExtendedHandshake;
import dev.torrpedo.wire.extension.Holepunch;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ut_holepunch (BEP 55) with hand-driven peers: the session relays a rendezvous between two
 * peers it is connected to (each told to connect to the other), answers the errors the BEP
 * names, and dials the peer a relay tells it to connect to.
 */
class HolepunchTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private static Holepunch readHolepunch(RawPeer r) throws Exception {
        while (true) {
            if (r.readExtension() instanceof Holepunch h) {
                return h;
            }
        }
    }

    @Test
    void rendezvousIsRelayedAndErrorsAreAnswered() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("relay"), "h.bin", 50_000, 16 * 1024, 1, List.of());
            Session relay = swarm.session("relay", Swarm.settings().build());
            TorrentHandle t = relay.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            InetSocketAddress aListens = new InetSocketAddress(LOOPBACK, 40_001);
            InetSocketAddress bListens = new InetSocketAddress(LOOPBACK, 40_002);
            InetSocketAddress cListens = new InetSocketAddress(LOOPBACK, 40_003);
            try (RawPeer a = new RawPeer(relay.listenPort()); RawPeer b = new RawPeer(relay.listenPort());
                 RawPeer c = new RawPeer(relay.listenPort())) {
                a.handshakeWithExtensions(p.infoHash(), ProtocolExtrasTest.id(1)).readHandshake();
                a.extendedHandshake(aListens.getPort(), false);
                ExtendedHandshake theirs = (ExtendedHandshake) a.readExtension();
                b.handshakeWithExtensions(p.infoHash(), ProtocolExtrasTest.id(2)).readHandshake();
                b.extendedHandshake(bListens.getPort(), false);
                c.handshakeWithExtensions(p.infoHash(), ProtocolExtrasTest.id(3)).readHandshake();
                c.extendedHandshake(Map.of("upload_only", 3), cListens.getPort(), false); // no ut_holepunch
                Swarm.await("three peers at their listen ports", Swarm.TIMEOUT, () -> t.peers().stream()
                        .filter(i -> i.address().getPort() >= 40_001 && i.address().getPort() <= 40_003).count() == 3);
                Map<String, Integer> m = theirs.extensions();

                a.sendExtension(new Holepunch(Holepunch.Type.RENDEZVOUS, bListens, 0), m);
                assertEquals(new Holepunch(Holepunch.Type.CONNECT, bListens, 0), readHolepunch(a));
                assertEquals(new Holepunch(Holepunch.Type.CONNECT, aListens, 0), readHolepunch(b));

                InetSocketAddress nobody = new InetSocketAddress(LOOPBACK, 40_999);
                a.sendExtension(new Holepunch(Holepunch.Type.RENDEZVOUS, nobody, 0), m);
                assertEquals(new Holepunch(Holepunch.Type.ERROR, nobody, Holepunch.E_NOT_CONNECTED), readHolepunch(a));
                a.sendExtension(new Holepunch(Holepunch.Type.RENDEZVOUS, aListens, 0), m);
                assertEquals(new Holepunch(Holepunch.Type.ERROR, aListens, Holepunch.E_NO_SELF), readHolepunch(a));
                a.sendExtension(new Holepunch(Holepunch.Type.RENDEZVOUS, cListens, 0), m);
                assertEquals(new Holepunch(Holepunch.Type.ERROR, cListens, Holepunch.E_NO_SUPPORT), readHolepunch(a));
            }
        }
    }

    @Test
    void aConnectFromARelayIsDialled() throws Exception {
        try (Swarm swarm = new Swarm(dir); ServerSocket target = new ServerSocket(0, 5, LOOPBACK)) {
            Payload p = Payload.single(swarm.dir("origin"), "c.bin", 50_000, 16 * 1024, 2, List.of());
            Session session = swarm.session("s", Swarm.settings().build());
            TorrentHandle t = session.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.await("the torrent to start", Swarm.TIMEOUT, () -> t.status().state() == TorrentState.DOWNLOADING);
            try (RawPeer relay = new RawPeer(session.listenPort())) {
                relay.handshakeWithExtensions(p.infoHash(), ProtocolExtrasTest.id(4)).readHandshake();
                relay.extendedHandshake(0, false);
                ExtendedHandshake theirs = (ExtendedHandshake) relay.readExtension();
                relay.sendExtension(new Holepunch(Holepunch.Type.CONNECT,
                        new InetSocketAddress(LOOPBACK, target.getLocalPort()), 0), theirs.extensions());
                target.setSoTimeout((int) Swarm.TIMEOUT.toMillis());
                try (Socket dialled = target.accept()) {
                    assertEquals(LOOPBACK, dialled.getInetAddress());
                }
            }
        }
    }
}
