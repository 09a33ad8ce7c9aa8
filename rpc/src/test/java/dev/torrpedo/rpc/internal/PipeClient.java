package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.torrpedo.rpc.RpcServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A frontend in the same JVM: the server serves one kernel pipe pair, as it would the
 * process's stdin and stdout; this side writes requests and reads lines.
 */
final class PipeClient implements AutoCloseable {
    static final long DEADLINE_MS = 30_000;

    private final DefaultRpcServer server;
    private final OutputStream toServer;
    private final InputStream fromServer;
    private final Thread serving;
    private final AtomicReference<Throwable> servingFailure = new AtomicReference<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<Map<String, Object>> notifications = new ArrayList<>();
    private Thread reader;

    PipeClient(RpcServer server) throws IOException {
        this(server, true);
    }

    /**
     * @param startReading false to leave the server's output unread (a slow frontend) until
     *     {@link #startReading()}
     */
    PipeClient(RpcServer server, boolean startReading) throws IOException {
        this.server = (DefaultRpcServer) server;
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        toServer = Channels.newOutputStream(in.sink());
        fromServer = Channels.newInputStream(out.source());
        InputStream serverIn = Channels.newInputStream(in.source());
        OutputStream serverOut = Channels.newOutputStream(out.sink());
        serving = new Thread(() -> {
            try {
                server.serve(serverIn, serverOut);
            } catch (Throwable t) {
                servingFailure.set(t);
            } finally {
                try {
                    serverOut.close();
                } catch (IOException ignored) {
                    // the reader sees the end either way
                }
            }
        }, "test-serving");
        serving.start();
        if (startReading) {
            startReading();
        }
    }

    DefaultRpcServer server() {
        return server;
    }

    /** The one connection the server has for this client. */
    Connection connection() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (server.connections().isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("no connection");
            }
            Thread.onSpinWait();
        }
        return server.connections().iterator().next();
    }

    void startReading() {
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("READ FAILED " + e);
            }
            lines.add("EOF");
        }, "test-reader");
        reader.start();
    }

    void send(String line) {
        send(line.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) {
        try {
            toServer.write(bytes);
            toServer.write('\n');
            toServer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void sendRaw(byte[] bytes) {
        try {
            toServer.write(bytes);
            toServer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line the server wrote, waiting at most the deadline. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(DEADLINE_MS, TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("no line from the server within " + DEADLINE_MS + " ms");
        }
        return line;
    }

    /** Reads until the response with this id; notifications met on the way are kept. */
    Map<String, Object> response(Object id) throws InterruptedException {
        while (true) {
            String line = nextLine();
            if (line.equals("EOF")) {
                fail("the server ended before answering " + id);
            }
            Map<String, Object> m = Fixtures.map(line);
            if (m.containsKey("method")) {
                notifications.add(m);
            } else if (String.valueOf(id).equals(String.valueOf(m.get("id")))) {
                return m;
            }
        }
    }

    /** Sends a request and waits for its answer. */
    Map<String, Object> call(Object id, String method, String params) throws InterruptedException {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + (id instanceof String ? "\"" + id + "\"" : id) + ",\"method\":\"" + method
                + "\"" + (params == null ? "" : ",\"params\":" + params) + "}");
        return response(id);
    }

    /** Notifications read so far (and forgets them). */
    List<Map<String, Object>> takeNotifications() {
        List<Map<String, Object>> n = new ArrayList<>(notifications);
        notifications.clear();
        return n;
    }

    /** Reads until a notification of this method arrives. */
    Map<String, Object> notification(String method) throws InterruptedException {
        return notification(method, params -> true);
    }

    /** Reads until a notification of this method whose params {@code match} arrives; others are kept. */
    @SuppressWarnings("unchecked")
    Map<String, Object> notification(String method, Predicate<Map<String, Object>> match) throws InterruptedException {
        for (int i = 0; i < notifications.size(); i++) {
            Map<String, Object> m = notifications.get(i);
            if (method.equals(m.get("method")) && match.test((Map<String, Object>) m.get("params"))) {
                return notifications.remove(i);
            }
        }
        while (true) {
            String line = nextLine();
            if (line.equals("EOF")) {
                fail("the server ended before sending " + method);
            }
            Map<String, Object> m = Fixtures.map(line);
            if (method.equals(m.get("method")) && match.test((Map<String, Object>) m.get("params"))) {
                return m;
            }
            if (m.containsKey("method")) {
                notifications.add(m);
            }
        }
    }

    /** Closes the server's stdin. */
    void closeInput() throws IOException {
        toServer.close();
    }

    /** Waits for serve() to return; true if it did. */
    boolean awaitServed() throws InterruptedException {
        serving.join(DEADLINE_MS);
        if (servingFailure.get() != null) {
            throw new AssertionError("serve failed", servingFailure.get());
        }
        return !serving.isAlive();
    }

    /** Everything left to read, up to the end of the output. */
    List<String> rest() throws InterruptedException {
        List<String> out = new ArrayList<>();
        String line;
        while (!(line = nextLine()).equals("EOF")) {
            out.add(line);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (reader == null) {
            // a test that failed before reading: drain, so the server can finish writing
            startReading();
        }
        try {
            toServer.close();
        } catch (IOException ignored) {
            // already closed
        }
        server.close();
        try {
            assertTrue(awaitServed(), "serve() returned");
            reader.join(DEADLINE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while closing");
        }
        fromServer.close();
    }
}
