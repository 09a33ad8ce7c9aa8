package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One seeder and twenty leechers, all ours, in one JVM, share 256 MiB over loopback through
 * the embedded tracker; nothing is logged above WARN on the way.
 */
class BigSwarmTest {
    private static final int LEECHERS = 20;

    @TempDir
    Path dir;

    @Test
    void oneSeederAndTwentyLeechersShare256MiB() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        long started = System.nanoTime();
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "big.bin", 256L * 1024 * 1024, 1024 * 1024, 41,
                    List.of(swarm.httpTracker()));
            Settings settings = Swarm.settings().encryption(Encryption.PLAINTEXT).build();
            Session seeder = swarm.session("seeder", settings);
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            List<TorrentHandle> leechers = new ArrayList<>();
            for (int i = 0; i < LEECHERS; i++) {
                leechers.add(swarm.session("leech" + i, settings).add(AddTorrent.bytes(p.bytes())).join());
            }
            for (TorrentHandle t : leechers) {
                Swarm.join(t.completion(), Duration.ofMinutes(4), swarm::describe);
            }
            for (int i = 0; i < LEECHERS; i++) {
                p.assertIntact(swarm.dir("leech" + i));
                assertEquals(TorrentState.SEEDING, leechers.get(i).status().state());
            }
            long fromLeechers = leechers.stream().mapToLong(t -> t.status().uploadedBytes()).sum();
            assertTrue(fromLeechers > p.size(), "the leechers shared among themselves: " + fromLeechers);
        } finally {
            System.setOut(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        List<String> bad = log.lines().filter(l -> l.contains(" ERROR ") || l.contains("Exception"))
                .limit(20).collect(Collectors.toList());
        assertTrue(bad.isEmpty(), "logged above WARN or with an exception:\n" + String.join("\n", bad));
        System.out.println("256 MiB to 20 leechers in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
        }
    }
}
