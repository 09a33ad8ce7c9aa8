package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.wire.Handshake;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.PeerMessageEncoder;
import dev.torrpedo.wire.Reserved;
import dev.torrpedo.metainfo.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peers that break the rules, on loopback against our sessions; every download still ends intact. */
class FaultyPeersTest {
    @TempDir
    Path dir;

    @Test
    void aPeerSendingCorruptBlocksIsBannedAndTheDownloadCompletes() throws IOException {
        try (Swarm swarm = new Swarm(dir)) {
            // one block per piece: whatever the evil peer sends is a whole piece from it alone
            Payload p = Payload.single(swarm.dir("seeder"), "corrupt.bin", 1024 * 1024, 16 * 1024, 2, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            List<Event> events = new CopyOnWriteArrayList<>();
            leecher.subscribe(events::add, Runnable::run);
            TorrentHandle s = seeder.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(s.completion(), Swarm.TIMEOUT, swarm::describe);
            try (EvilPeer evil = new EvilPeer(p.infoHash(), null, EvilPeer.Mode.CORRUPT, 0)) {
                TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes()).withPeers(evil.address())).join();
                Swarm.await("the corrupt peer to be banned", Swarm.TIMEOUT, () -> events.stream()
                        .anyMatch(e -> e instanceof Event.PeerBanned b && b.address().equals(evil.address())),
                        () -> events.toString());
                assertTrue(evil.blocksSent() > 0);
                assertEquals(1, evil.connections(), "our MSE/PE attempt fell back to one plaintext connection");
                l.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort()));
                Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
                p.assertIntact(swarm.dir("leecher"));
                assertTrue(l.peers().stream().noneMatch(pi -> pi.address().equals(evil.address())));
                // banned: never connected again, even when asked to
                l.addPeer(evil.address());
                assertEquals(1, evil.connections());
            }
        }
    }

    @Test
    void aPeerDroppedMidPieceLeavesItsBlocksToOthers() throws IOException {
        try (Swarm swarm = new Swarm(dir)) {
            int pieceLength = 256 * 1024; // 16 blocks a piece; the dropper sends 5 then hangs up
            Payload p = Payload.single(swarm.dir("seeder"), "drop.bin", 2 * 1024 * 1024, pieceLength, 3, List.of());
            Path data = swarm.dir("seeder").resolve("drop.bin");
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Session leecher = swarm.session("leecher", Swarm.settings().encryption(Encryption.PLAINTEXT).build());
            TorrentHandle s = seeder.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(s.completion(), Swarm.TIMEOUT, swarm::describe);
            try (EvilPeer dropper = new EvilPeer(p.infoHash(), data, EvilPeer.Mode.DROP, 5).pieceLength(pieceLength)) {
                TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes()).withPeers(dropper.address())).join();
                Swarm.await("the dropper to send its blocks and hang up", Swarm.TIMEOUT,
                        () -> dropper.blocksSent() >= 5 && l.status().peers() == 0);
                assertEquals(0, l.status().piecesDone(), "5 blocks are less than a piece");
                l.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort()));
                Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
                p.assertIntact(swarm.dir("leecher"));
                // the dropper's 5 blocks were kept (it came back for more, but the rest came from the seeder)
                assertTrue(l.status().downloadedBytes() < p.size() + (long) dropper.blocksSent() * 16384 + pieceLength,
                        l.status().toString());
            }
        }
    }

    @Test
    void aPeerFloodingRequestsIsDisconnectedAndMemoryStaysBounded() throws IOException {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "flood.bin", 4 * 1024 * 1024, 64 * 1024, 4, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            TorrentHandle s = seeder.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(s.completion(), Swarm.TIMEOUT, swarm::describe);
            long before = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            try (Socket evil = new Socket(InetAddress.getLoopbackAddress(), seeder.listenPort())) {
                evil.setSoTimeout(20_000);
                evil.setReceiveBufferSize(4096); // and it never reads: our answers pile up at our end
                OutputStream out = evil.getOutputStream();
                handshake(out, p);
                send(out, PeerMessage.INTERESTED);
                awaitUnchoke(evil.getInputStream());
                ByteBuf frames = Unpooled.buffer();
                for (int i = 0; i < 30_000; i++) {
                    // all different (a repeated request is only a duplicate), all valid
                    PeerMessageEncoder.encode(new PeerMessage.Request(i % 64, (i / 64) * 8, 16384), frames);
                }
                byte[] all = new byte[frames.readableBytes()];
                frames.readBytes(all).release();
                boolean cut = false;
                try {
                    for (int at = 0; at < all.length; at += 17 * 100) {
                        out.write(all, at, Math.min(17 * 100, all.length - at));
                        long used = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
                        assertTrue(used - before < 64L << 20, "direct memory grew by " + (used - before));
                    }
                } catch (SocketException e) {
                    cut = true; // we were disconnected while still flooding
                }
                assertTrue(cut || closedByPeer(evil.getInputStream()), "the flooding peer was not disconnected");
                Swarm.await("the session to forget the peer", Duration.ofSeconds(10), () -> s.status().peers() == 0);
            }
        }
    }

    @Test
    void aPeerSendingAnOversizedMessageIsDisconnected() throws IOException {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "big.bin", 256 * 1024, 16 * 1024, 5, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            TorrentHandle s = seeder.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(s.completion(), Swarm.TIMEOUT, swarm::describe);
            long before = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory();
            try (Socket evil = new Socket(InetAddress.getLoopbackAddress(), seeder.listenPort())) {
                evil.setSoTimeout(20_000);
                OutputStream out = evil.getOutputStream();
                handshake(out, p);
                // a bitfield announced as 100 MiB long, then some of it
                out.write(new byte[] {0x06, 0x40, 0x00, 0x00, 5});
                try {
                    out.write(new byte[64 * 1024]);
                } catch (SocketException e) {
                    // already cut off
                }
                assertTrue(closedByPeer(evil.getInputStream()), "the oversized message was not refused");
                assertTrue(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() - before < 16L << 20,
                        "memory was allocated for the oversized message");
                Swarm.await("the session to forget the peer", Duration.ofSeconds(10), () -> s.status().peers() == 0);
            }
        }
    }

    private static void handshake(OutputStream out, Payload p) throws IOException {
        ByteBuf b = Unpooled.buffer();
        Handshake.of(Reserved.NONE.with(Reserved.FAST, true), p.infoHash(), PeerId.generate(new SplittableRandom(9)))
                .encode(b);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes).release();
        out.write(bytes);
        out.flush();
    }

    private static void send(OutputStream out, PeerMessage m) throws IOException {
        ByteBuf b = Unpooled.buffer();
        PeerMessageEncoder.encode(m, b);
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes).release();
        out.write(bytes);
        out.flush();
    }

    /** Reads the handshake and messages until an UNCHOKE. */
    private static void awaitUnchoke(InputStream raw) throws IOException {
        java.io.DataInputStream in = new java.io.DataInputStream(raw);
        in.readFully(new byte[Handshake.LENGTH]);
        while (true) {
            int len = in.readInt();
            if (len == 0) {
                continue;
            }
            int id = in.readUnsignedByte();
            in.readFully(new byte[len - 1]);
            if (id == 1) {
                return;
            }
        }
    }

    /** Reads (and drops) until the far end closes; false if it stays open for the socket timeout. */
    private static boolean closedByPeer(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        try {
            while (in.read(buf) >= 0) {
                // drain what we were sent before the close
            }
            return true;
        } catch (SocketException e) {
            return true; // reset
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
