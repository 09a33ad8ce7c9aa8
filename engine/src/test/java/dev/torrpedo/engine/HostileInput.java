package dev.torrpedo.engine;

import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.metainfo.PeerId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeding session that hostile peers talk to, for the fuzz and property tests: each input
 * is sent over a real connection after a valid handshake; then the peer hangs up. The
 * session must drop or keep the peer as the rules say, forget it once it is gone, and never
 * hit an error that no input should cause.
 */
final class HostileInput implements AutoCloseable {
    private final Path dir;
    private final Swarm swarm;
    private final Session session;
    private final TorrentHandle torrent;
    private final Payload payload;

    HostileInput() {
        try {
            dir = Files.createTempDirectory("hostile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        swarm = new Swarm(dir);
        payload = Payload.single(swarm.dir("seeder"), "h.bin", 8 * 32 * 1024 + 100, 32 * 1024, 61, List.of());
        session = swarm.session("seeder", Swarm.settings().encryption(Encryption.PREFER)
                .peerTimeout(Duration.ofSeconds(5)).build());
        torrent = session.add(AddTorrent.bytes(payload.bytes())).join();
        Swarm.join(torrent.completion(), Swarm.TIMEOUT, swarm::describe);
    }

    /** @return the torrent's piece count (for generating plausible messages) */
    int pieces() {
        return payload.torrent().pieceCount();
    }

    /** Sends a handshake then {@code bytes}, hangs up, and checks the session stayed sound. */
    void send(byte[] bytes) {
        try (RawPeer peer = new RawPeer(session.listenPort())) {
            peer.socket().setSoTimeout(10_000);
            peer.handshake(payload.infoHash(), PeerId.generate(new SplittableRandom(bytes.length)));
            try {
                peer.output().write(bytes);
                peer.output().flush();
                peer.socket().shutdownOutput();
                peer.closedByTheOtherEnd();
            } catch (SocketException dropped) {
                // the session hung up on us first: fine
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Swarm.await("the session to forget the peer", Duration.ofSeconds(10), () -> torrent.status().peers() == 0);
        long bugs = ((SessionImpl) session).unexpectedErrors();
        if (bugs != 0) {
            throw new AssertionError(bugs + " unexpected errors (see the log) after " + bytes.length + " bytes");
        }
    }

    @Override
    public void close() {
        swarm.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
