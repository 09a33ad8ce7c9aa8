package dev.torrpedo.benchmarks.scale;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Part (a): many distinct small torrents, seeding (or paused) with no peers, no trackers,
 * no DHT and no local discovery, in one session. Measures the heap and RSS they retain
 * and the CPU the session burns while they idle, at a quarter of the count and at the
 * whole count: per-torrent figures that stay flat between the two mean the cost is
 * linear, and idle CPU per torrent that stays flat means no torrent's tick walks the
 * others.
 */
final class IdleTorrents {
    private final ScaleHarness.Options options;
    private final Gauge gauge = new Gauge();
    private final Report report;

    IdleTorrents(ScaleHarness.Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run(Path root) throws Exception {
        int n = options.torrents();
        Path data = Files.createDirectories(root.resolve("data"));
        Path metainfo = Files.createDirectories(root.resolve("torrents"));
        long t0 = System.nanoTime();
        List<Path> files = makeTorrents(data, metainfo, n);
        report.line("made %,d torrents of %,d bytes (%,d-byte pieces) in %.1f s", n, options.torrentSize(),
                options.pieceLength(), (System.nanoTime() - t0) / 1e9);

        try (Session session = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(data).resumeDir(root.resolve("resume")).settings(ScaleHarness.quietSettings().build())
                .networkThreads(options.networkThreads()).build()) {
            Gauge.Reading base = gauge.settleAndRead();
            Gauge.Cpu baseCpu = idle(session, 0);
            report.line("session with no torrents: heap %s, RSS %s", Report.bytes(base.heapBytes()),
                    Report.bytes(base.rssBytes()));

            int quarter = Math.max(1, n / 4);
            add(session, files.subList(0, quarter));
            Gauge.Reading atQuarter = gauge.settleAndRead();
            Gauge.Cpu quarterCpu = idle(session, quarter);
            add(session, files.subList(quarter, n));
            Gauge.Reading atAll = gauge.settleAndRead();
            Gauge.Cpu allCpu = idle(session, n);

            report.row("torrent", quarter, base, atQuarter);
            double perTorrent = report.row("torrent", n, base, atAll);
            double slope = n > quarter ? report.slope("torrent", quarter, atQuarter, n, atAll) : perTorrent;
            report.goal(String.format("%,d idle %s torrents, heap", n, options.paused() ? "paused" : "seeding"),
                    perTorrent, slope, ScaleHarness.TORRENT_GOAL);
            report.line("idle CPU over %.0f s, %% of one core (process / session threads): 0 torrents %s, "
                    + "%,d torrents %s, %,d torrents %s", options.idleMillis() / 1e3, baseCpu, quarter, quarterCpu, n,
                    allCpu);
            report.line("idle session-thread CPU per torrent above the empty session: %.5f%% of a core at %,d, "
                    + "%.5f%% at %,d (flat: a tick costs O(1); growing: a tick walks the others)",
                    (quarterCpu.session() - baseCpu.session()) / quarter, quarter,
                    (allCpu.session() - baseCpu.session()) / n, n);
        }
    }

    private Gauge.Cpu idle(Session session, int torrents) throws InterruptedException {
        if (session.torrents().size() != torrents) {
            throw new IllegalStateException("expected " + torrents + " torrents, the session has "
                    + session.torrents().size());
        }
        return gauge.idle(options.idleMillis());
    }

    private void add(Session session, List<Path> torrents) throws Exception {
        List<CompletableFuture<TorrentHandle>> adding = new ArrayList<>(torrents.size());
        for (Path p : torrents) {
            adding.add(session.add(AddTorrent.file(p).withPaused(options.paused())));
        }
        TorrentState want = options.paused() ? TorrentState.PAUSED : TorrentState.SEEDING;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (CompletableFuture<TorrentHandle> f : adding) {
            TorrentHandle h = f.get(120, TimeUnit.SECONDS);
            while (h.status().state() != want) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(h.name() + " is " + h.status().state() + ", not " + want);
                }
                Thread.sleep(5); // polling the public status with a deadline
            }
        }
    }

    /** Writes {@code n} files of random bytes and a {@code .torrent} for each. @return the .torrent paths */
    private List<Path> makeTorrents(Path data, Path metainfo, int n) throws IOException, InterruptedException {
        List<Path> out = new ArrayList<>(n);
        SplittableRandom random = new SplittableRandom(42);
        byte[] buf = new byte[(int) Math.min(options.torrentSize(), 1 << 16)];
        ExecutorService hashing = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < n; i++) {
                Path file = data.resolve(String.format("t%05d.bin", i));
                try (OutputStream o = Files.newOutputStream(file)) {
                    long left = options.torrentSize();
                    while (left > 0) {
                        int k = (int) Math.min(buf.length, left);
                        random.nextBytes(buf);
                        o.write(buf, 0, k);
                        left -= k;
                    }
                }
                Torrent t = TorrentCreator.builder(file).pieceLength(options.pieceLength()).parallelism(1)
                        .executor(hashing).build().create();
                Path torrent = metainfo.resolve(String.format("t%05d.torrent", i));
                Files.write(torrent, t.bytes());
                out.add(torrent);
            }
        } finally {
            hashing.shutdownNow();
        }
        return out;
    }
}
