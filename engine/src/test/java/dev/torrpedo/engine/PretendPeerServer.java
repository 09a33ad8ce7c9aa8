package dev.torrpedo.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A blocking loopback listener for the hand-made peers of the tests: each accepted connection
 * is served on its own daemon thread; {@link #close()} closes the listener and every accepted
 * socket (which ends the serving threads) and waits for the accepting thread.
 */
final class PretendPeerServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Consumer<Socket> serve;
    private final String name;
    private final Thread acceptor;

    /**
     * Starts listening and accepting at once: construct it last, once what {@code serve}
     * reads is set.
     *
     * @param name  prefix of its threads' names
     * @param serve serves one connection, on that connection's thread
     */
    PretendPeerServer(String name, Consumer<Socket> serve) throws IOException {
        this.name = name;
        this.serve = serve;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, name + "-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return where it listens */
    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve.accept(s), name + "-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
