package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** Hands out at most a random number of bytes per read, as a pipe does. */
    private static final class Dribble extends FilterInputStream {
        private final Random random;
        private final int max;

        Dribble(InputStream in, long seed, int max) {
            super(in);
            this.random = new Random(seed);
            this.max = max;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(max)));
        }
    }

    private static List<String> lines(InputStream in, int max) throws Exception {
        List<String> out = new ArrayList<>();
        new LineReader(in, max).run(new LineReader.Sink() {
            @Override
            public void line(byte[] b, int off, int len) {
                out.add(new String(b, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public void tooLong(long length) {
                out.add("TOO LONG " + length);
            }
        });
        return out;
    }

    private static final String INPUT = "{\"a\":1}\n{\"b\":2}\r\n\n  \t\n\r\n" + "x".repeat(100) + "\n{\"c\":3}\n"
            + "y".repeat(64) + "\r\n" + "last";
    private static final List<String> EXPECTED = List.of("{\"a\":1}", "{\"b\":2}", "\r", "TOO LONG 100", "{\"c\":3}",
            "y".repeat(64), "last");

    @Test
    void splitsSkipsBlankLinesAndReportsLongOnes() throws Exception {
        byte[] in = INPUT.getBytes(StandardCharsets.UTF_8);
        List<String> whole = lines(new ByteArrayInputStream(in), 64);
        // "\r\n" alone is an empty line once the \r is dropped: skipped like any blank line
        assertEquals(EXPECTED.stream().filter(s -> !s.equals("\r")).toList(), whole);
    }

    @Test
    void anySplitOfTheInputGivesTheSameLines() throws Exception {
        byte[] in = INPUT.getBytes(StandardCharsets.UTF_8);
        List<String> whole = lines(new ByteArrayInputStream(in), 64);
        for (int seed = 0; seed < 200; seed++) {
            assertEquals(whole, lines(new Dribble(new ByteArrayInputStream(in), seed, 1 + seed % 17), 64), "seed " + seed);
        }
        assertEquals(whole, lines(new Dribble(new ByteArrayInputStream(in), 0, 1), 64), "byte by byte");
    }

    @Test
    void aLongLineIsSkippedWithoutHoldingIt() throws Exception {
        int max = 1 << 20;
        byte[] huge = new byte[3 * max + 2];
        java.util.Arrays.fill(huge, (byte) 'z');
        huge[huge.length - 2] = '\n';
        huge[huge.length - 1] = '1';
        assertEquals(List.of("TOO LONG " + (3L * max), "1"), lines(new ByteArrayInputStream(huge), max));
        byte[] exact = ("9".repeat(max) + "\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(max, lines(new Dribble(new ByteArrayInputStream(exact), 1, 70_000), max).get(0).length());
        byte[] crlf = ("9".repeat(max) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(max, lines(new Dribble(new ByteArrayInputStream(crlf), 1, 70_000), max).get(0).length());
        byte[] over = ("9".repeat(max + 1) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("TOO LONG " + (max + 1)), lines(new ByteArrayInputStream(over), max));
    }
}
