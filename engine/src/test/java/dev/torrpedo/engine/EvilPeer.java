package dev.torrpedo.engine;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.wire.Handshake;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.PeerMessageEncoder;
import dev.torrpedo.wire.Reserved;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving peer on plain blocking sockets, speaking the wire with the wire module's
 * encoders: it seeds (claims every piece, unchokes at once) and answers requests with
 * garbage, or with the right data but drops the connection after some blocks. It reads only
 * plaintext: an MSE/PE handshake makes it hang up, as a plaintext-only client would.
 */
final class EvilPeer implements AutoCloseable {
    /** How it answers requests. */
    enum Mode {
        /** Random bytes instead of the data. */
        CORRUPT,
        /** The right data, but the connection is dropped after {@code dropAfter} blocks. */
        DROP
    }

    private final InfoHash infoHash;
    private final Path data;
    private final Mode mode;
    private final int dropAfter;
    private final AtomicInteger blocksSent = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final PeerId peerId = PeerId.generate(new SplittableRandom(666));
    private final PretendPeerServer server;

    /**
     * @param data      the payload file (single-file torrents), for {@link Mode#DROP}
     * @param dropAfter blocks sent per connection before dropping it ({@link Mode#DROP})
     */
    EvilPeer(InfoHash infoHash, Path data, Mode mode, int dropAfter) throws IOException {
        this.infoHash = infoHash;
        this.data = data;
        this.mode = mode;
        this.dropAfter = dropAfter;
        this.server = new PretendPeerServer("evil-peer", this::serve);
    }

    /** @return where it listens */
    InetSocketAddress address() {
        return server.address();
    }

    /** @return blocks it has sent */
    int blocksSent() {
        return blocksSent.get();
    }

    /** @return connections that got past the handshake */
    int connections() {
        return connections.get();
    }

    private void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            byte[] hs = new byte[Handshake.LENGTH];
            in.readFully(hs);
            if (hs[0] != 19 || !Arrays.equals(Arrays.copyOfRange(hs, 28, 48), infoHash.wire())) {
                return; // not a plaintext handshake for our torrent (MSE/PE): hang up
            }
            connections.incrementAndGet();
            WireBytes.write(out, buf -> Handshake.of(Reserved.NONE.with(Reserved.FAST, true), infoHash, peerId)
                    .encode(buf));
            WireBytes.write(out, buf -> PeerMessageEncoder.encode(PeerMessage.HAVE_ALL, buf));
            WireBytes.write(out, buf -> PeerMessageEncoder.encode(PeerMessage.UNCHOKE, buf));
            SplittableRandom random = new SplittableRandom();
            int sent = 0;
            while (true) {
                int len = in.readInt();
                if (len == 0) {
                    continue;
                }
                int id = in.readUnsignedByte();
                byte[] payload = new byte[len - 1];
                in.readFully(payload);
                if (id != 6) {
                    continue; // only requests matter
                }
                int piece = readInt(payload, 0);
                int begin = readInt(payload, 4);
                int length = readInt(payload, 8);
                byte[] block = new byte[length];
                if (mode == Mode.CORRUPT) {
                    random.nextBytes(block);
                } else {
                    if (sent >= dropAfter) {
                        return;
                    }
                    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "r")) {
                        f.seek((long) piece * pieceLength + begin);
                        f.readFully(block);
                    }
                }
                WireBytes.write(out, buf -> PeerMessageEncoder.encode(new PeerMessage.Piece(piece, begin,
                        Unpooled.wrappedBuffer(block)), buf));
                sent++;
                blocksSent.incrementAndGet();
            }
        } catch (EOFException | SocketException e) {
            // the other side closed
        } catch (IOException e) {
            // gone
        }
    }

    private int pieceLength;

    /** Sets the torrent's piece length (for {@link Mode#DROP}). */
    EvilPeer pieceLength(int value) {
        this.pieceLength = value;
        return this;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
