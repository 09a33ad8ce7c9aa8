package dev.torrpedo.engine;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.wire.Handshake;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.PeerMessageEncoder;
import dev.torrpedo.wire.Reserved;
import dev.torrpedo.wire.WireLimits;
import dev.torrpedo.wire.extension.ExtendedHandshake;
import dev.torrpedo.wire.extension.ExtensionCodec;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.MetadataData;
import dev.torrpedo.wire.extension.MetadataRequest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer on plain blocking sockets that claims to have a torrent's metadata and answers
 * every {@code ut_metadata} request with wrong bytes: random bytes of the right length, or
 * (in {@link Mode#SHORT}) a piece one byte short. It never has any piece of the data. Only
 * plaintext: an MSE/PE handshake makes it hang up.
 */
final class MetadataLiar implements AutoCloseable {
    /** How it lies. */
    enum Mode {
        /** Random bytes of each piece's right length: only the whole dictionary's hash shows it. */
        GARBAGE,
        /** A piece one byte short: wrong on arrival. */
        SHORT
    }

    private static final int OUR_METADATA_ID = 3;

    private final InfoHash infoHash;
    private final int metadataSize;
    private final Mode mode;
    private final AtomicInteger requests = new AtomicInteger();
    private final PeerId peerId = PeerId.generate(new SplittableRandom(4242));
    private final PretendPeerServer server;

    MetadataLiar(InfoHash infoHash, int metadataSize, Mode mode) throws IOException {
        this.infoHash = infoHash;
        this.metadataSize = metadataSize;
        this.mode = mode;
        this.server = new PretendPeerServer("metadata-liar", this::serve);
    }

    /** @return where it listens */
    InetSocketAddress address() {
        return server.address();
    }

    /** @return metadata requests it received */
    int requests() {
        return requests.get();
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            byte[] hs = new byte[Handshake.LENGTH];
            in.readFully(hs);
            if (hs[0] != 19) {
                return; // MSE: hang up, the session retries in plaintext
            }
            WireBytes.write(out, b -> Handshake.of(Reserved.NONE.with(Reserved.EXTENSION_PROTOCOL, true), infoHash, peerId)
                    .encode(b));
            ExtendedHandshake ours = ExtendedHandshake.of(Map.of(ExtensionMessage.UT_METADATA, OUR_METADATA_ID))
                    .withMetadataSize(metadataSize);
            send(out, new PeerMessage.Extended(0, ExtensionCodec.encode(ours)));
            SplittableRandom random = new SplittableRandom(7);
            while (true) {
                int len = in.readInt();
                if (len == 0) {
                    continue;
                }
                int id = in.readUnsignedByte();
                byte[] payload = new byte[len - 1];
                in.readFully(payload);
                if (id != 20 || payload.length < 1 || payload[0] != OUR_METADATA_ID) {
                    continue;
                }
                byte[] body = java.util.Arrays.copyOfRange(payload, 1, payload.length);
                Optional<ExtensionMessage> m = ExtensionCodec.decode(ExtensionMessage.UT_METADATA, body, WireLimits.DEFAULT);
                if (m.isPresent() && m.get() instanceof MetadataRequest r) {
                    requests.incrementAndGet();
                    int length = Math.min(16 * 1024, metadataSize - r.piece() * 16 * 1024);
                    byte[] lie = new byte[mode == Mode.SHORT ? length - 1 : length];
                    random.nextBytes(lie);
                    // the peer's id for ut_metadata is 2 (its extended handshake); we do not read it
                    send(out, new PeerMessage.Extended(2, ExtensionCodec.encode(new MetadataData(r.piece(), metadataSize,
                            lie))));
                }
            }
        } catch (IOException e) {
            // closed (banned, or the test ended)
        }
    }

    private static void send(OutputStream out, PeerMessage m) throws IOException {
        WireBytes.write(out, b -> PeerMessageEncoder.encode(m, b));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
