package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.wire.MessageType;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.extension.DontHave;
import dev.torrpedo.wire.extension.ExtendedHandshake;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.UploadOnly;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol extras over real connections with hand-driven peers: upload_only (BEP 21),
 * lt_donthave (BEP 54) both ways, super-seeding (BEP 16), and share-ratio and seed-time
 * limits (the latter on an injected clock). Holepunching has its own test.
 */
class ProtocolExtrasTest {
    static final int PIECE = 16 * 1024;

    @TempDir
    Path dir;

    static PeerId id(int n) {
        return PeerId.generate(new SplittableRandom(n));
    }

    private static TorrentHandle seed(Swarm swarm, Session s, Payload p) {
        TorrentHandle t = s.add(AddTorrent.bytes(p.bytes())).join();
        Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
        return t;
    }

    /** Connects a raw peer that speaks the extensions; returns the session's extended handshake. */
    static ExtendedHandshake connect(RawPeer r, Payload p, int n, boolean uploadOnly) throws Exception {
        r.handshakeWithExtensions(p.infoHash(), id(n)).readHandshake();
        r.extendedHandshake(0, uploadOnly);
        return (ExtendedHandshake) r.readExtension();
    }

    @Test
    void aSeedSaysUploadOnlyAndDropsAPeerThatOnlyUploadsToo() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "u.bin", 4 * PIECE, PIECE, 1, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            seed(swarm, seeder, p);
            try (RawPeer downloader = new RawPeer(seeder.listenPort()); RawPeer uploader = new RawPeer(seeder.listenPort())) {
                ExtendedHandshake h = connect(downloader, p, 1, false);
                assertTrue(h.uploadOnly(), "a seed says upload_only");
                assertTrue(h.extensions().keySet().containsAll(List.of("upload_only", "lt_donthave", "ut_holepunch")),
                        h.extensions().toString());
                connect(uploader, p, 2, true);
                assertTrue(uploader.closedByTheOtherEnd(), "a seed and a peer that only uploads have nothing to trade");
                downloader.send(PeerMessage.KEEP_ALIVE);
                Swarm.await("the uploader to be forgotten", Swarm.TIMEOUT,
                        () -> seeder.torrents().get(0).status().peers() == 1);
                assertEquals(1, seeder.torrents().get(0).peers().size(), "the downloader stays");
            }
        }
    }

    @Test
    void aLeecherKeepsAnUploadOnlyPeerAndSaysUploadOnlyWhenComplete() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "c.bin", 6 * PIECE, PIECE, 2, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            seed(swarm, seeder, p);
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            TorrentHandle t = leecher.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.await("the leecher to check", Swarm.TIMEOUT, () -> t.status().state() == TorrentState.DOWNLOADING);
            try (RawPeer r = new RawPeer(leecher.listenPort())) {
                assertFalse(connect(r, p, 3, true).uploadOnly(), "a leecher does not say upload_only");
                t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort()));
                ExtensionMessage m;
                do {
                    m = r.readExtension();
                } while (!(m instanceof UploadOnly));
                assertTrue(((UploadOnly) m).uploadOnly(), "complete: it says so");
                // the user's future completes on the callback executor, maybe after the message left
                Swarm.await("the download to complete", Swarm.TIMEOUT, () -> t.completion().isDone());
                assertTrue(r.closedByTheOtherEnd(), "then both only upload: the connection ends");
            }
        }
    }

    @Test
    void aPeersDontHaveIsHeeded() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("origin"), "d.bin", 4 * PIECE, PIECE, 4, List.of());
            byte[] data = Files.readAllBytes(swarm.dir("origin").resolve("d.bin"));
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            TorrentHandle t = leecher.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.await("the leecher to check", Swarm.TIMEOUT, () -> t.status().state() == TorrentState.DOWNLOADING);
            try (RawPeer r = new RawPeer(leecher.listenPort())) {
                ExtendedHandshake theirs = connect(r, p, 5, false);
                r.send(PeerMessage.HAVE_ALL);
                r.sendExtension(new DontHave(0), theirs.extensions());
                r.send(PeerMessage.UNCHOKE);
                Set<Integer> served = new HashSet<>();
                while (served.size() < 3) {
                    PeerMessage m = r.readMessage();
                    if (m instanceof PeerMessage.Request q) {
                        assertNotEquals(0, q.piece(), "piece 0 was asked of a peer that no longer has it");
                        r.send(new PeerMessage.Piece(q.piece(), q.begin(), io.netty.buffer.Unpooled.wrappedBuffer(data,
                                q.piece() * PIECE + q.begin(), q.length())));
                        served.add(q.piece());
                    }
                }
                PeerMessage m;
                do {
                    m = r.readMessage();
                    assertFalse(m instanceof PeerMessage.Request q && q.piece() == 0, "piece 0 asked for");
                } while (m.type() != MessageType.NOT_INTERESTED);
                assertEquals(3, t.status().piecesDone());
            }
        }
    }

    @Test
    void lostPiecesAreAnnouncedWithDontHave() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "lost.bin", 4 * PIECE, PIECE, 6, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            TorrentHandle t = seed(swarm, seeder, p);
            try (RawPeer r = new RawPeer(seeder.listenPort())) {
                connect(r, p, 7, false);
                r.send(PeerMessage.INTERESTED);
                r.readMessage(MessageType.UNCHOKE);
                try (RandomAccessFile f = new RandomAccessFile(swarm.dir("seeder").resolve("lost.bin").toFile(), "rw")) {
                    f.setLength(PIECE); // the file is cut short: pieces 1 to 3 are gone
                }
                r.send(new PeerMessage.Request(2, 0, PIECE));
                Set<Integer> lost = new HashSet<>();
                while (lost.size() < 4) {
                    ExtensionMessage m = r.readExtension();
                    if (m instanceof DontHave d) {
                        lost.add(d.piece());
                    }
                }
                assertEquals(Set.of(0, 1, 2, 3), lost, "the storage un-verifies the whole file");
                Swarm.await("the torrent to want them again", Swarm.TIMEOUT,
                        () -> t.status().state() == TorrentState.DOWNLOADING && t.status().piecesDone() == 0);
                assertFalse(t.completion().isDone());
            }
        }
    }

    @Test
    void superSeedingShowsEachPeerADifferentPiece() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "s.bin", 8 * PIECE, PIECE, 8, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            TorrentHandle t = seed(swarm, seeder, p);
            t.setSuperSeeding(true);
            assertTrue(t.superSeeding());
            RawPeer[] peers = new RawPeer[3];
            int[] shown = new int[3];
            try {
                for (int i = 0; i < 3; i++) {
                    peers[i] = new RawPeer(seeder.listenPort());
                    peers[i].handshakeWithExtensions(p.infoHash(), id(20 + i)).readHandshake();
                    assertEquals(MessageType.HAVE_NONE, peers[i].readMessage().type(), "no bitfield while super-seeding");
                    shown[i] = ((PeerMessage.Have) peers[i].readMessage(MessageType.HAVE)).piece();
                }
                assertEquals(3, Set.of(shown[0], shown[1], shown[2]).size(), "distinct pieces first");
                // a request for a piece not shown to that peer is refused
                RawPeer a = peers[0];
                a.send(PeerMessage.INTERESTED);
                a.readMessage(MessageType.UNCHOKE);
                int other = shown[1];
                a.send(new PeerMessage.Request(other, 0, PIECE));
                assertEquals(other, ((PeerMessage.Reject) a.readMessage(MessageType.REJECT)).piece());
                a.send(new PeerMessage.Request(shown[0], 0, PIECE));
                assertEquals(shown[0], ((PeerMessage.Piece) a.readMessage(MessageType.PIECE)).piece());
                // once it has it, it is shown another piece, not one the others were shown
                a.send(new PeerMessage.Have(shown[0]));
                int next = ((PeerMessage.Have) a.readMessage(MessageType.HAVE)).piece();
                assertFalse(Set.of(shown[0], shown[1], shown[2]).contains(next), "next: " + next);
            } finally {
                for (RawPeer r : peers) {
                    if (r != null) {
                        r.close();
                    }
                }
            }
        }
    }

    @Test
    void aShareRatioLimitPausesTheSeed() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "r.bin", 20 * PIECE, PIECE, 9, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().seedRatioLimit(1.0).build());
            TorrentHandle s = seed(swarm, seeder, p);
            assertEquals(TorrentState.SEEDING, s.status().state(), "nothing uploaded yet: ratio 0");
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes())).join();
            l.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort()));
            Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
            Swarm.await("the seed to stop at ratio 1", Swarm.TIMEOUT, () -> s.status().state() == TorrentState.PAUSED,
                    swarm::describe);
            assertTrue(s.status().ratio() >= 1.0, s.status().toString());
        }
    }

    @Test
    void aSeedTimeLimitRunsOnTheInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "t.bin", 4 * PIECE, PIECE, 10, List.of());
            Payload q = Payload.single(swarm.dir("seeder"), "u.bin", PIECE, PIECE, 11, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().seedTimeLimit(Duration.ofHours(2)).build(), clock);
            TorrentHandle own = seed(swarm, seeder, p);
            own.setLimits(TorrentLimits.NONE.withSeedTime(Duration.ofHours(1))); // the torrent's own limit wins
            TorrentHandle session = seed(swarm, seeder, q);
            clock.advance(Duration.ofMinutes(61));
            Swarm.await("an hour of seeding", Swarm.TIMEOUT, () -> own.status().state() == TorrentState.PAUSED);
            assertEquals(TorrentState.SEEDING, session.status().state(), "the session's limit is two hours");
            clock.advance(Duration.ofMinutes(60));
            Swarm.await("two hours for the other", Swarm.TIMEOUT,
                    () -> session.status().state() == TorrentState.PAUSED);
        }
    }
}
