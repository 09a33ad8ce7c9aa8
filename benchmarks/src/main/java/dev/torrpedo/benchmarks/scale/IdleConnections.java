package dev.torrpedo.benchmarks.scale;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentLimits;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Part (b): one session seeding one torrent, and many plain peers
 * ({@link HandshakeClients}, in a child JVM so their memory is not counted) connected to
 * it over loopback, handshaken and idle. Measures heap and RSS per connection and the
 * session's idle CPU, at a quarter of the count and at the whole count.
 */
final class IdleConnections {
    private static final int SEED_SIZE = 1 << 20;
    private static final int SEED_PIECE = 16 * 1024;

    private final ScaleHarness.Options options;
    private final Gauge gauge = new Gauge();
    private final Report report;

    IdleConnections(ScaleHarness.Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run(Path root) throws Exception {
        int n = options.connections();
        Path data = Files.createDirectories(root.resolve("data"));
        Path file = data.resolve("seed.bin");
        byte[] bytes = new byte[SEED_SIZE];
        new SplittableRandom(7).nextBytes(bytes);
        Files.write(file, bytes);
        Torrent torrent = TorrentCreator.builder(file).pieceLength(SEED_PIECE).parallelism(1).build().create();
        int limit = n + 16;
        try (Session session = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(data).resumeDir(root.resolve("resume"))
                .settings(ScaleHarness.quietSettings().maxConnections(limit).maxConnectionsPerTorrent(limit).build())
                .networkThreads(options.networkThreads()).build()) {
            TorrentHandle seed = session.add(AddTorrent.bytes(torrent.bytes())
                    .withLimits(TorrentLimits.NONE.withMaxConnections(limit))).get(60, TimeUnit.SECONDS);
            awaitState(seed, TorrentState.SEEDING);
            report.line("seeding %s (%,d bytes, %d pieces) on port %d", seed.name(), torrent.totalSize(),
                    torrent.pieceCount(), session.listenPort());
            Gauge.Reading base = gauge.settleAndRead();
            Gauge.Cpu baseCpu = gauge.idle(options.idleMillis());

            Process clients = startClients(session.listenPort(), HexFormat.of().formatHex(torrent.infoHash().v1()));
            try (Writer toClients = new java.io.OutputStreamWriter(clients.getOutputStream(), StandardCharsets.US_ASCII);
                 BufferedReader fromClients = new BufferedReader(
                         new InputStreamReader(clients.getInputStream(), StandardCharsets.US_ASCII))) {
                int quarter = Math.max(1, n / 4);
                open(session, toClients, fromClients, quarter);
                Gauge.Reading atQuarter = gauge.settleAndRead();
                Gauge.Cpu quarterCpu = gauge.idle(options.idleMillis());
                open(session, toClients, fromClients, n);
                Gauge.Reading atAll = gauge.settleAndRead();
                Gauge.Cpu allCpu = gauge.idle(options.idleMillis());
                if (session.stats().peers() != n) {
                    throw new IllegalStateException("connections dropped while idle: " + session.stats().peers()
                            + " of " + n + " left");
                }

                report.row("connection", quarter, base, atQuarter);
                double perConnection = report.row("connection", n, base, atAll);
                double slope = n > quarter ? report.slope("connection", quarter, atQuarter, n, atAll) : perConnection;
                report.goal(String.format("%,d idle connections, heap", n), perConnection, slope,
                        ScaleHarness.CONNECTION_GOAL);
                report.line("idle CPU over %.0f s, %% of one core (process / session threads): 0 connections %s, "
                        + "%,d connections %s, %,d connections %s", options.idleMillis() / 1e3, baseCpu, quarter,
                        quarterCpu, n, allCpu);
                report.line("idle session-thread CPU per connection above none: %.5f%% of a core at %,d, "
                        + "%.5f%% at %,d", (quarterCpu.session() - baseCpu.session()) / quarter, quarter,
                        (allCpu.session() - baseCpu.session()) / n, n);
            } finally {
                clients.getOutputStream().close();
                if (!clients.waitFor(20, TimeUnit.SECONDS)) {
                    clients.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Tells the clients to reach {@code total} connections and waits for the session to count them. */
    private void open(Session session, Writer toClients, BufferedReader fromClients, int total) throws Exception {
        long t0 = System.nanoTime();
        toClients.write(total + "\n");
        toClients.flush();
        String answer = fromClients.readLine();
        if (answer == null || !answer.equals("open " + total)) {
            throw new IOException("the clients answered " + answer + " to " + total);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (session.stats().peers() != total) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the session counts " + session.stats().peers() + " peers, not " + total);
            }
            Thread.sleep(10); // polling the public counters with a deadline
        }
        report.line("%,d connections handshaken and registered in %.1f s", total, (System.nanoTime() - t0) / 1e9);
    }

    private static Process startClients(int port, String infoHashHex) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), HandshakeClients.class.getName(), Integer.toString(port),
                infoHashHex)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitState(TorrentHandle h, TorrentState want) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (h.status().state() != want) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(h.name() + " is " + h.status().state() + ", not " + want);
            }
            Thread.sleep(5); // polling the public status with a deadline
        }
    }
}
