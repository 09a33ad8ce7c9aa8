package dev.torrpedo.rpc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} (a {@code \r} before it is dropped), without
 * ever holding more than {@code maxLine} bytes of one line: a longer line is skipped to its
 * end and reported by length. Lines of only spaces and tabs are skipped; a last line without
 * a newline counts. The line handed to the sink is valid only during the call.
 *
 * <pre>
 *   {"jsonrpc":"2.0",...}\n     -&gt; line
 *   {"jsonrpc":"2.0",...}\r\n   -&gt; line (without the \r)
 *   \n, "  \t\n"                -&gt; skipped
 *   (more than maxLine bytes)\n -&gt; tooLong(length)
 * </pre>
 */
final class LineReader {
    private static final int CHUNK = 64 * 1024;

    /** Receives lines. */
    interface Sink {
        void line(byte[] b, int off, int len) throws InterruptedException;

        void tooLong(long length) throws InterruptedException;
    }

    private final InputStream in;
    private final int maxLine;
    private final byte[] chunk = new byte[CHUNK];
    private byte[] line = new byte[1024];
    private int lineLength;
    private long skipped = -1;
    private boolean skippedCr;

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Reads to the end of the stream. */
    void run(Sink sink) throws IOException, InterruptedException {
        int n;
        while ((n = in.read(chunk, 0, chunk.length)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    if (lineLength == 0 && skipped < 0) {
                        deliver(sink, chunk, start, i - start);
                    } else {
                        append(chunk, start, i - start);
                        end(sink);
                    }
                    start = i + 1;
                }
            }
            append(chunk, start, n - start);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        if (lineLength > 0 || skipped >= 0) {
            end(sink);
        }
    }

    private void append(byte[] b, int off, int len) {
        if (len == 0) {
            return;
        }
        if (skipped >= 0) {
            skipped += len;
            skippedCr = b[off + len - 1] == '\r';
            return;
        }
        if (lineLength + len > maxLine + 1) {
            // one byte of slack for a \r that is not counted
            skipped = lineLength + (long) len;
            skippedCr = b[off + len - 1] == '\r';
            lineLength = 0;
            return;
        }
        if (lineLength + len > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLine + 1, Math.max(line.length * 2, lineLength + len)));
        }
        System.arraycopy(b, off, line, lineLength, len);
        lineLength += len;
    }

    private void end(Sink sink) throws InterruptedException {
        if (skipped >= 0) {
            long length = skippedCr ? skipped - 1 : skipped;
            skipped = -1;
            sink.tooLong(length);
        } else {
            deliver(sink, line, 0, lineLength);
        }
        lineLength = 0;
    }

    private void deliver(Sink sink, byte[] b, int off, int len) throws InterruptedException {
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        if (len > maxLine) {
            sink.tooLong(len);
            return;
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                sink.line(b, off, len);
                return;
            }
        }
    }
}
