package dev.torrpedo.benchmarks.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The far end of part (b), run in a child JVM so that its sockets and buffers are not
 * counted in the session's heap: plain BitTorrent peers on one selector thread. Each
 * connects to the session, sends a handshake (fast and extension bits), {@code have_none}
 * and an extended handshake, reads the session's handshake, then idles, reading and
 * discarding whatever comes and sending a keep-alive every 30 s.
 *
 * <p>Arguments: {@code port infoHashHex}. Each line on standard input is a total to open
 * connections up to; once they all have the session's handshake it prints {@code open N}.
 * End of input closes everything and exits.
 */
public final class HandshakeClients {
    private static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HAVE_NONE = {0, 0, 0, 1, 0x0f};
    private static final byte[] EXTENDED = "d1:md6:ut_pexi1eee".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEEP_ALIVE = {0, 0, 0, 0};
    private static final int HANDSHAKE_LENGTH = 68;
    private static final int BATCH = 50;

    private final InetSocketAddress target;
    private final byte[] infoHash;
    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
    private int handshaken;

    private HandshakeClients(int port, byte[] infoHash) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        this.infoHash = infoHash;
        this.selector = Selector.open();
    }

    /**
     * Runs the clients until standard input ends.
     *
     * @param args the session's port and the torrent's info-hash in hex
     * @throws Exception if a connection fails or the deadline of a step passes
     */
    public static void main(String[] args) throws Exception {
        HandshakeClients c = new HandshakeClients(Integer.parseInt(args[0]), HexFormat.of().parseHex(args[1]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        String line;
        try {
            while ((line = in.readLine()) != null) {
                c.openUpTo(Integer.parseInt(line.trim()));
                System.out.println("open " + c.handshaken);
                System.out.flush();
                c.idleInBackground();
            }
        } finally {
            c.close();
        }
    }

    /** Opens connections in batches until {@code total} have the session's handshake. */
    private void openUpTo(int total) throws IOException {
        stopIdling();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (channels.size() < total) {
            int batch = Math.min(BATCH, total - channels.size());
            for (int i = 0; i < batch; i++) {
                open(channels.size());
            }
            while (handshaken < channels.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("only " + handshaken + " of " + channels.size() + " handshakes in 120 s");
                }
                pump(100);
            }
        }
    }

    private void open(int index) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(true);
        ch.connect(target);
        ByteBuffer out = ByteBuffer.allocate(HANDSHAKE_LENGTH + HAVE_NONE.length + 6 + EXTENDED.length);
        out.put((byte) PROTOCOL.length).put(PROTOCOL);
        out.put(new byte[] {0, 0, 0, 0, 0, 0x10, 0, 0x04}); // extension protocol (BEP 10), fast (BEP 6)
        out.put(infoHash);
        out.put(String.format("-SC0001-%012d", index).getBytes(StandardCharsets.US_ASCII));
        out.put(HAVE_NONE);
        out.putInt(2 + EXTENDED.length).put((byte) 20).put((byte) 0).put(EXTENDED);
        out.flip();
        while (out.hasRemaining()) {
            ch.write(out);
        }
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ, new long[] {0});
        channels.add(ch);
    }

    /** Reads whatever is ready, counting handshakes received. */
    private void pump(long millis) throws IOException {
        selector.select(millis);
        for (SelectionKey k : selector.selectedKeys()) {
            SocketChannel ch = (SocketChannel) k.channel();
            long[] received = (long[]) k.attachment();
            sink.clear();
            int n = ch.read(sink);
            if (n < 0) {
                throw new IOException("the session closed connection " + channels.indexOf(ch));
            }
            if (received[0] < HANDSHAKE_LENGTH && received[0] + n >= HANDSHAKE_LENGTH) {
                handshaken++;
            }
            received[0] += n;
        }
        selector.selectedKeys().clear();
    }

    private Thread idler;
    // a flag, not an interrupt: an interrupt would close the channel the idler is reading
    private volatile boolean idling;

    /** Keeps the connections read and alive until the next command. */
    private void idleInBackground() {
        idling = true;
        idler = new Thread(() -> {
            long lastKeepAlive = System.nanoTime();
            try {
                while (idling) {
                    pump(500);
                    if (System.nanoTime() - lastKeepAlive > TimeUnit.SECONDS.toNanos(30)) {
                        for (SocketChannel ch : channels) {
                            ch.write(ByteBuffer.wrap(KEEP_ALIVE));
                        }
                        lastKeepAlive = System.nanoTime();
                    }
                }
            } catch (IOException e) {
                System.err.println("clients: " + e);
                System.exit(2);
            }
        }, "scale-clients");
        idler.setDaemon(true);
        idler.start();
    }

    private void stopIdling() throws IOException {
        Thread t = idler;
        if (t == null) {
            return;
        }
        idling = false;
        selector.wakeup();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        idler = null;
    }

    private void close() throws IOException {
        stopIdling();
        for (SocketChannel ch : channels) {
            ch.close();
        }
        selector.close();
    }
}
