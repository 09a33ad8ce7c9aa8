package dev.torrpedo.engine;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.wire.Handshake;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.PeerMessageEncoder;
import dev.torrpedo.wire.Reserved;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * A hand-driven peer on a plain blocking socket: it writes exactly what a test tells it to
 * (encoded by the wire module) and reads frames one at a time. For testing the rules our
 * sessions enforce on peers that misbehave.
 */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** Connects to a session's listening port on loopback. */
    RawPeer(int port) throws IOException {
        this(port, null);
    }

    /** Connects to a session's listening port on loopback from {@code local} (another 127.x address), or any. */
    RawPeer(int port, InetAddress local) throws IOException {
        socket = new Socket();
        if (local != null) {
            socket.bind(new java.net.InetSocketAddress(local, 0));
        }
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** @return the socket (to tune it) */
    Socket socket() {
        return socket;
    }

    /** @return the raw input */
    InputStream input() {
        return in;
    }

    /** @return the raw output */
    OutputStream output() {
        return out;
    }

    /** Sends a plaintext handshake with the fast extension bit. */
    RawPeer handshake(InfoHash infoHash, PeerId id) throws IOException {
        return handshake(infoHash, id, Reserved.NONE.with(Reserved.FAST, true));
    }

    /** Sends a plaintext handshake with these reserved bits. */
    RawPeer handshake(InfoHash infoHash, PeerId id, Reserved reserved) throws IOException {
        write(b -> Handshake.of(reserved, infoHash, id).encode(b));
        return this;
    }

    /**
     * A whole message as read.
     *
     * @param id      the message id, -1 for a keep-alive
     * @param payload what follows the id
     */
    record Frame(int id, byte[] payload) {
    }

    /** @return the next message */
    Frame readFrame() throws IOException {
        int len = in.readInt();
        if (len == 0) {
            return new Frame(-1, new byte[0]);
        }
        int id = in.readUnsignedByte();
        byte[] payload = new byte[len - 1];
        in.readFully(payload);
        return new Frame(id, payload);
    }

    /** Sends a handshake as given (bits, hash form). */
    RawPeer send(Handshake h) throws IOException {
        write(h::encode);
        return this;
    }

    /** The extension ids a raw peer announces (as libtorrent numbers them). */
    static final java.util.Map<String, Integer> EXTENSIONS = java.util.Map.of("upload_only", 3, "ut_holepunch", 4,
            "lt_donthave", 7);

    /** Sends a plaintext handshake with the fast and extension protocol bits. */
    RawPeer handshakeWithExtensions(InfoHash infoHash, PeerId id) throws IOException {
        return send(new Handshake(Reserved.NONE.with(Reserved.FAST, true).with(Reserved.EXTENSION_PROTOCOL, true),
                infoHash, !infoHash.hasV1(), id));
    }

    /** Sends our extended handshake: {@link #EXTENSIONS}, a listen port (0: none), upload_only. */
    RawPeer extendedHandshake(int port, boolean uploadOnly) throws IOException {
        return extendedHandshake(EXTENSIONS, port, uploadOnly);
    }

    /** Sends an extended handshake announcing {@code m}. */
    RawPeer extendedHandshake(java.util.Map<String, Integer> m, int port, boolean uploadOnly) throws IOException {
        dev.torrpedo.wire.extension.ExtendedHandshake h = dev.torrpedo.wire.extension.ExtendedHandshake.of(m)
                .withUploadOnly(uploadOnly);
        if (port > 0) {
            h = h.withPort(port);
        }
        return send(dev.torrpedo.wire.extension.ExtensionCodec.toWire(h,
                dev.torrpedo.wire.extension.ExtensionRegistry.of(EXTENSIONS)));
    }

    /** Sends an extension message under the id the session announced for it. */
    RawPeer sendExtension(dev.torrpedo.wire.extension.ExtensionMessage m, java.util.Map<String, Integer> theirs)
            throws IOException {
        return send(dev.torrpedo.wire.extension.ExtensionCodec.toWire(m,
                dev.torrpedo.wire.extension.ExtensionRegistry.of(EXTENSIONS).withRemote(theirs)));
    }

    /** @return the next extension message (the session's extended handshake included), skipping the rest */
    dev.torrpedo.wire.extension.ExtensionMessage readExtension() throws IOException {
        while (true) {
            PeerMessage.Extended e = (PeerMessage.Extended) readMessage(dev.torrpedo.wire.MessageType.EXTENDED);
            java.util.Optional<dev.torrpedo.wire.extension.ExtensionMessage> m = dev.torrpedo.wire.extension.ExtensionCodec
                    .fromWire(e, dev.torrpedo.wire.extension.ExtensionRegistry.of(EXTENSIONS),
                            dev.torrpedo.wire.WireLimits.DEFAULT);
            if (m.isPresent()) {
                return m.get();
            }
        }
    }

    /** Reads the 68-byte handshake. */
    byte[] readHandshake() throws IOException {
        byte[] hs = new byte[Handshake.LENGTH];
        in.readFully(hs);
        return hs;
    }

    /** Sends one message. */
    RawPeer send(PeerMessage m) throws IOException {
        write(b -> PeerMessageEncoder.encode(m, b));
        return this;
    }

    /** @return the next message, decoded (a PIECE's block is copied, nothing to release) */
    PeerMessage readMessage() throws IOException {
        int len = in.readInt();
        byte[] frame = new byte[4 + len];
        java.nio.ByteBuffer.wrap(frame).putInt(len);
        in.readFully(frame, 4, len);
        ByteBuf b = Unpooled.wrappedBuffer(frame);
        try {
            PeerMessage m = dev.torrpedo.wire.PeerMessageDecoder.decode(b, dev.torrpedo.wire.WireLimits.DEFAULT);
            if (m instanceof PeerMessage.Piece piece) {
                PeerMessage copy = new PeerMessage.Piece(piece.piece(), piece.begin(), Unpooled.copiedBuffer(piece.block()));
                piece.release();
                return copy;
            }
            return m;
        } finally {
            b.release();
        }
    }

    /** @return the next message of {@code type}, skipping the others */
    PeerMessage readMessage(dev.torrpedo.wire.MessageType type) throws IOException {
        while (true) {
            PeerMessage m = readMessage();
            if (m.type() == type) {
                return m;
            }
            io.netty.util.ReferenceCountUtil.release(m);
        }
    }

    /** @return the next message's id, -1 for a keep-alive; its payload is skipped */
    int readMessageId() throws IOException {
        int len = in.readInt();
        if (len == 0) {
            return -1;
        }
        int id = in.readUnsignedByte();
        in.readFully(new byte[len - 1]);
        return id;
    }

    /** @return whether the session closes the connection before the socket's timeout, reading what comes */
    boolean closedByTheOtherEnd() throws IOException {
        byte[] buf = new byte[64 * 1024];
        try {
            while (in.read(buf) >= 0) {
                // drain
            }
            return true;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private void write(WireBytes.Encoder e) throws IOException {
        WireBytes.write(out, e);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
