package dev.torrpedo.rpc.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Newline-delimited JSON-RPC over a pair of streams (the process's stdin and stdout): a
 * reader thread feeds lines to a {@link Connection}; a writer thread is the only one that
 * writes to the output, one whole message and its newline at a time, so messages never
 * interleave; it flushes whenever its queue runs empty.
 *
 * <p>It ends when the input ends (then shuts the server down), when the server shuts down,
 * or when the output fails; before returning it waits for every request to be answered and
 * written, and for both of its threads to end.
 */
final class StdioTransport {
    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);
    private static final long ANSWER_TIMEOUT_MS = 30_000;
    private static final long JOIN_TIMEOUT_MS = 10_000;

    private final DefaultRpcServer server;
    private final InputStream in;
    private final OutputStream out;
    private final Connection connection;
    /** Completes with why the transport ends. */
    private final CompletableFuture<String> end = new CompletableFuture<>();

    StdioTransport(DefaultRpcServer server, Connection connection, InputStream in, OutputStream out) {
        this.server = server;
        this.connection = connection;
        this.in = in;
        this.out = out;
    }

    void run() throws InterruptedException {
        Thread reader = new Thread(this::readLoop, "torrpedo-rpc-stdin-" + connection.id());
        Thread writer = new Thread(this::writeLoop, "torrpedo-rpc-stdout-" + connection.id());
        reader.setDaemon(true);
        writer.setDaemon(true);
        server.stopping().thenRun(() -> end.complete("shutdown"));
        writer.start();
        reader.start();
        try {
            String why;
            try {
                why = end.get();
            } catch (ExecutionException e) {
                why = "failure";
            }
            LOG.debug("client {}: ending ({})", connection.id(), why);
            stopReading(reader);
            // stdin closed (or stdout broke): the frontend is gone, so the engine stops too;
            // after engine.shutdown this waits for the hook, whose end answers that request
            server.shutdown().join();
            if (!connection.awaitAnswered(ANSWER_TIMEOUT_MS)) {
                LOG.warn("client {}: {} requests still unanswered after {} ms", connection.id(),
                        connection.inFlight(), ANSWER_TIMEOUT_MS);
            }
        } finally {
            stopReading(reader);
            connection.close();
            writer.join(JOIN_TIMEOUT_MS);
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(JOIN_TIMEOUT_MS);
            }
            reader.join(JOIN_TIMEOUT_MS);
            if (writer.isAlive() || reader.isAlive()) {
                LOG.warn("client {}: a stdio thread did not end", connection.id());
            }
            server.disconnect(connection);
        }
    }

    private void stopReading(Thread reader) {
        if (!reader.isAlive()) {
            return;
        }
        reader.interrupt();
        try {
            // a stream that ignores interrupts still ends its read when closed
            in.close();
        } catch (IOException e) {
            LOG.debug("closing the input: {}", e.toString());
        }
    }

    private void readLoop() {
        LineReader lines = new LineReader(in, server.limits().maxMessageBytes());
        try {
            lines.run(new LineReader.Sink() {
                @Override
                public void line(byte[] b, int off, int len) throws InterruptedException {
                    connection.receive(b, off, len);
                }

                @Override
                public void tooLong(long length) throws InterruptedException {
                    LOG.warn("client {}: skipped a message of {} bytes", connection.id(), length);
                    connection.receiveTooLong(length);
                }
            });
            end.complete("end of input");
        } catch (InterruptedException | InterruptedIOException | ClosedByInterruptException e) {
            end.complete("interrupted");
        } catch (IOException e) {
            if (!end.isDone()) {
                LOG.warn("client {}: reading failed: {}", connection.id(), e.toString());
            }
            end.complete("input failed");
        }
    }

    private void writeLoop() {
        OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        OutboundQueue queue = connection.outbound();
        boolean broken = false;
        try {
            OutboundQueue.Outgoing o = queue.take();
            while (o != null) {
                if (!broken) {
                    try {
                        buffered.write(o.bytes());
                        buffered.write('\n');
                    } catch (IOException e) {
                        broken = brokenOutput(e);
                    }
                }
                OutboundQueue.Outgoing next = queue.poll(0);
                if (next == null && !broken) {
                    try {
                        buffered.flush();
                    } catch (IOException e) {
                        broken = brokenOutput(e);
                    }
                }
                queue.written(o);
                if (next == null) {
                    next = queue.ended() ? null : queue.take();
                }
                o = next;
            }
            if (!broken) {
                buffered.flush();
            }
        } catch (InterruptedException e) {
            LOG.debug("client {}: writer interrupted", connection.id());
        } catch (IOException e) {
            brokenOutput(e);
        }
    }

    private boolean brokenOutput(IOException e) {
        LOG.warn("client {}: writing failed, dropping further output: {}", connection.id(), e.toString());
        end.complete("output failed");
        return true;
    }
}
