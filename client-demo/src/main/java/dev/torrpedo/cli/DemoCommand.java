package dev.torrpedo.cli;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code torrpedo demo}: a whole swarm on loopback, no internet needed. It writes a payload
 * of seeded random bytes into a temporary directory, makes a v1 torrent of it announcing to
 * the tracker module's embedded tracker, starts three seeder sessions of it, downloads it
 * with a fourth session showing the progress line, checks the SHA-256 of the download
 * against the payload's, prints the throughput, and deletes the directory. Ctrl-C (or
 * SIGTERM) stops it and deletes the directory too.
 */
@Command(name = "demo", sortOptions = false,
        description = {"Run a swarm on loopback, no internet needed: an embedded tracker and three seeders of a"
                + " generated payload; a fourth session downloads it, verifies it and prints the throughput."})
final class DemoCommand implements Callable<Integer> {
    /** The default payload size. */
    static final long DEFAULT_SIZE = 256L * 1024 * 1024;
    /** The largest payload: it is written twice (seeders' copy and download) into the temporary directory. */
    static final long MAX_SIZE = 64L * 1024 * 1024 * 1024;
    /** The seeders. */
    static final int SEEDERS = 3;
    /** The generator's seed: every demo downloads the same bytes. */
    static final long SEED = 0x7044E_DE30L;
    /** How long the seeders may take to check their data and meet the tracker. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    @ParentCommand
    TorrpedoCommand parent;

    @Option(names = "--size", paramLabel = "SIZE", converter = Converters.Size.class, defaultValue = "256M",
            description = "Size of the generated payload, as 64M or 1G (default: ${DEFAULT-VALUE}).")
    long size = DEFAULT_SIZE;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (size < 1 || size > MAX_SIZE) {
            throw CliException.usage("--size: " + size + " (expected: 1 byte to " + Units.formatSize(MAX_SIZE) + ")");
        }
        Io io = parent.io();
        PrintStream out = io.out();
        Path work = Files.createTempDirectory("torrpedo-demo-");
        try (StopSignal stop = StopSignal.install(io)) {
            DemoSwarm swarm;
            try {
                swarm = new DemoSwarm();
            } catch (RuntimeException e) {
                deleteTree(work);
                throw e;
            }
            try (CloseOnExit closer = new CloseOnExit("torrpedo-demo-close", () -> {
                swarm.close();
                deleteTree(work);
            })) {
                out.println("torrpedo demo: a tracker, " + SEEDERS + " seeders and a downloader on 127.0.0.1,"
                        + " in " + work);
                run(io, stop, swarm, work);
                return ExitCode.OK;
            }
        }
    }

    private void run(Io io, StopSignal stop, DemoSwarm swarm, Path work) throws IOException, InterruptedException {
        PrintStream out = io.out();
        Path seedDir = Files.createDirectories(work.resolve("seed"));
        long t0 = io.nanoTime().getAsLong();
        DemoPayload payload = DemoPayload.generate(seedDir.resolve("torrpedo-demo-" + sizeName(size) + ".bin"), size,
                SEED, stop::requested);
        step(out, "payload", Units.formatSize(size) + " of seeded random bytes", io, t0);

        long t1 = io.nanoTime().getAsLong();
        Torrent torrent = TorrentCreator.builder(payload.file()).version(TorrentVersion.V1)
                .tracker(swarm.announceUrl().toString()).build().create();
        step(out, "torrent", "v1, " + torrent.pieceCount() + " pieces of " + Units.formatSize(torrent.pieceLength())
                + ", announcing to " + swarm.announceUrl(), io, t1);
        stopIfAsked(stop);

        long t2 = io.nanoTime().getAsLong();
        List<Session> seeders = new ArrayList<>();
        List<TorrentHandle> seeding = new ArrayList<>();
        for (int i = 1; i <= SEEDERS; i++) {
            Session s = swarm.session(seedDir, work.resolve("seeder-" + i), 1);
            seeders.add(s);
            seeding.add(EngineSessions.add(s, AddTorrent.bytes(torrent.bytes())));
        }
        awaitSeeders(stop, swarm, torrent, seeding);
        step(out, "seeders", SEEDERS + " sessions on ports " + seeders.stream().map(s -> Integer.toString(s.listenPort()))
                .collect(Collectors.joining(", ")) + " checked the data and announced", io, t2);

        Session leecher = swarm.session(work.resolve("download"), work.resolve("downloader"), 2);
        out.println(String.format(Locale.ROOT, "  %-9s a fourth session on port %d", "download", leecher.listenPort()));
        out.flush();
        TorrentHandle download = EngineSessions.add(leecher, AddTorrent.bytes(torrent.bytes()));
        TransferWatch watch = new TransferWatch(io, false, stop);
        if (watch.watch(download, TransferWatch.Goal.COMPLETE) == TransferWatch.End.STOPPED) {
            throw new CliException(ExitCode.INTERRUPTED, "demo stopped", null);
        }
        TorrentStatus done = download.status();

        long t3 = io.nanoTime().getAsLong();
        byte[] got = DemoPayload.sha256Of(work.resolve("download").resolve(torrent.name()));
        if (!Arrays.equals(got, payload.sha256())) {
            throw CliException.runtime("the download differs from the payload: SHA-256 " + HexFormat.of().formatHex(got)
                    + ", expected " + HexFormat.of().formatHex(payload.sha256()), null);
        }
        step(out, "verified", "SHA-256 of the download matches the payload's: "
                + HexFormat.of().formatHex(got), io, t3);
        out.println(result(size, elapsed(done), SEEDERS));
        out.flush();
    }

    /** Waits until every seeder is seeding and the tracker has them all. */
    private static void awaitSeeders(StopSignal stop, DemoSwarm swarm, Torrent torrent, List<TorrentHandle> seeding)
            throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            boolean ready = swarm.registered(torrent.infoHash()) >= seeding.size();
            for (TorrentHandle h : seeding) {
                TorrentStatus s = h.status();
                if (s.state() == TorrentState.ERROR) {
                    throw CliException.runtime("a seeder stopped: " + s.error(), null);
                }
                ready &= s.state() == TorrentState.SEEDING;
            }
            if (ready) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw CliException.runtime("the seeders did not start within " + START_TIMEOUT.toSeconds() + " s", null);
            }
            stopIfAsked(stop);
            stop.await(20, TimeUnit.MILLISECONDS);
        }
    }

    private static void stopIfAsked(StopSignal stop) {
        if (stop.requested()) {
            throw new CliException(ExitCode.INTERRUPTED, "demo stopped", null);
        }
    }

    /** @return from adding the download to its completion, by the engine's clock */
    private static Duration elapsed(TorrentStatus s) {
        return s.completedAt() == null ? Duration.ZERO : Duration.between(s.addedAt(), s.completedAt());
    }

    /** @return the last line: how much, how long, how fast */
    static String result(long bytes, Duration took, int seeders) {
        double seconds = Math.max(took.toNanos(), 1) / 1e9;
        return String.format(Locale.ROOT, "downloaded %s in %.2f s from %d seeders: %s (%.0f Mbit/s)",
                Units.formatSize(bytes), seconds, seeders, Units.formatRate((long) (bytes / seconds)),
                bytes * 8 / seconds / 1e6);
    }

    private static void step(PrintStream out, String what, String text, Io io, long since) {
        double seconds = (io.nanoTime().getAsLong() - since) / 1e9;
        out.println(String.format(Locale.ROOT, "  %-9s %s (%.1f s)", what, text, seconds));
        out.flush();
    }

    /** @return {@code 256M}, {@code 1G}, {@code 1000B}: the size in the payload's file name */
    static String sizeName(long bytes) {
        String[] units = {"B", "K", "M", "G", "T"};
        long n = bytes;
        int u = 0;
        while (u < units.length - 1 && n >= 1024 && n % 1024 == 0) {
            n /= 1024;
            u++;
        }
        return n + units[u];
    }

    /** Deletes {@code dir} and everything under it; what cannot be deleted is left. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
