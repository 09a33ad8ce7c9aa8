package dev.torrpedo.dht;

import dev.torrpedo.dht.krpc.KrpcDecoder;
import dev.torrpedo.dht.krpc.KrpcEncoder;
import dev.torrpedo.dht.krpc.KrpcLimits;
import dev.torrpedo.dht.krpc.KrpcMessage;
import dev.torrpedo.dht.krpc.KrpcMethod;
import dev.torrpedo.dht.krpc.KrpcQuery;
import dev.torrpedo.dht.krpc.QueryArgs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** A blocking UDP socket on its own loopback address that speaks KRPC by hand, for serving tests. */
final class RawClient implements AutoCloseable {
    private static final KrpcDecoder DECODER = new KrpcDecoder(KrpcLimits.DEFAULT);
    private static final KrpcEncoder ENCODER = new KrpcEncoder(null);

    final DatagramSocket socket;
    final NodeId id;
    private int tid;

    RawClient(InetAddress ip, NodeId id) {
        try {
            socket = new DatagramSocket(new InetSocketAddress(ip, 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.id = id;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Sends {@code args} to {@code to}; @return the transaction id used */
    byte[] send(InetSocketAddress to, QueryArgs args) {
        byte[] t = {(byte) (++tid >>> 8), (byte) tid};
        sendRaw(to, ENCODER.encode(new KrpcQuery(t, id, false, args)));
        return t;
    }

    void sendRaw(InetSocketAddress to, byte[] data) {
        try {
            socket.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a query and waits for its answer (response or error). */
    KrpcMessage call(InetSocketAddress to, QueryArgs args) {
        byte[] t = send(to, args);
        KrpcMessage m;
        do {
            m = receive(Duration.ofSeconds(5), args.method());
            if (m == null) {
                throw new AssertionError("no answer to " + args.method() + " from " + to);
            }
        } while (!Arrays.equals(m.transactionId(), t));
        return m;
    }

    /** @return the next message, decoded as an answer to {@code method} if it is one, or {@code null} after {@code timeout} */
    KrpcMessage receive(Duration timeout, KrpcMethod method) {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.receive(p);
            return DECODER.decode(buf, 0, p.getLength(), t -> method);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
