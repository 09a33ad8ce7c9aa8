package dev.torrpedo.cli;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentLimits;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.Torrent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code torrpedo download <file.torrent|magnet|http-url> -o DIR}: fetches a torrent, shows
 * its progress, then seeds as asked (until Ctrl-C, or until {@code --seed-ratio} or
 * {@code --seed-time} is reached; {@code --no-seed} exits once complete). Resume data lives
 * in {@code DIR/.torrpedo/resume}, so running the same command again goes on where the last
 * run stopped, without hashing what it had verified.
 */
@Command(name = "download", sortOptions = false,
        description = {"Download a torrent into a directory, then seed it.",
            "Ctrl-C stops gracefully (resume data saved); a second Ctrl-C exits at once. Running the same"
                    + " command again resumes without rechecking."})
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    TorrpedoCommand parent;

    @Parameters(index = "0", paramLabel = "<torrent>",
            description = "A .torrent file, a magnet link, or the http(s) URL of a .torrent.")
    String source;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
            description = "Directory to download into (default: the current directory).")
    Path output;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Option(names = "--seed-ratio", paramLabel = "R",
            description = "Once complete, seed until uploaded/downloaded reaches R (0: do not seed). Without"
                    + " --seed-ratio, --seed-time or --no-seed, it seeds until Ctrl-C.")
    Double seedRatio;

    @Option(names = "--seed-time", paramLabel = "SECONDS",
            description = "Once complete, seed for at most SECONDS (0: do not seed).")
    Long seedTime;

    @Option(names = "--no-seed", description = "Exit as soon as the download is complete.")
    boolean noSeed;

    @Option(names = "--select", paramLabel = "FILES", converter = Converters.Selection.class,
            description = "Download only these files, as 1,3-5: indices as 'torrpedo info' lists them, single or"
                    + " in ranges. With a magnet link it applies as the metadata arrives (in place of the link's own"
                    + " so=), and an index the torrent does not have then ends the download with exit code 2.")
    FileSelection select;

    @Option(names = "--sequential", description = "Download pieces in order (to play while downloading).")
    boolean sequential;

    @Option(names = "--max-down", paramLabel = "RATE", converter = Converters.Rate.class,
            description = "Download rate limit in bytes/s, as 500K or 2M; 0 for none (the default).")
    long maxDown;

    @Option(names = "--max-up", paramLabel = "RATE", converter = Converters.Rate.class,
            description = "Upload rate limit in bytes/s, as 500K or 2M; 0 for none (the default).")
    long maxUp;

    @Mixin
    DiscoveryOptions discovery = new DiscoveryOptions();

    @Option(names = "--json", description = "Write one JSON status object per second on stdout instead of the"
            + " progress line.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        checkSeedingFlags();
        TorrentInput input = TorrentInput.load(source);
        AddTorrent add;
        if (input instanceof TorrentInput.Metainfo m) {
            add = AddTorrent.bytes(m.torrent().bytes());
            if (select != null) {
                add = add.withFilePriorities(priorities(select, m.torrent()));
            }
        } else {
            add = AddTorrent.magnet(select == null ? source.strip() : selecting(((TorrentInput.Magnet) input).link(),
                    select));
        }
        Path dir = OutputDirectory.check(output, "-o");
        add = add.withSavePath(dir).withSequential(sequential).withPeers(EngineSessions.peers(network.peers))
                .withLimits(seedLimits());
        Settings settings = EngineSessions.settings(network, discovery)
                .downloadRateLimit(EngineSessions.rate(maxDown, "--max-down"))
                .uploadRateLimit(EngineSessions.rate(maxUp, "--max-up")).build();
        Io io = parent.io();
        List<Path> made = OutputDirectory.create(dir, "-o");
        try (StopSignal stop = StopSignal.install(io)) {
            Session session;
            try {
                session = EngineSessions.start(Session.builder().downloadDir(dir).settings(settings), network.port);
            } catch (CliException e) {
                OutputDirectory.remove(made);
                throw e;
            }
            try (CloseOnExit closer = new CloseOnExit("torrpedo-download-close", session::close)) {
                TorrentHandle torrent;
                try {
                    torrent = EngineSessions.add(session, add);
                } catch (CliException e) {
                    closer.close();
                    OutputDirectory.remove(made);
                    throw e;
                }
                transfer(io, stop, closer, torrent, dir);
            }
        }
        return ExitCode.OK;
    }

    /** Downloads, then seeds as asked; a stop closes the session (saving resume data) and exits 130. */
    private void transfer(Io io, StopSignal stop, CloseOnExit closer, TorrentHandle torrent, Path dir)
            throws InterruptedException {
        TransferWatch watch = new TransferWatch(io, json, stop);
        long started = io.nanoTime().getAsLong();
        if (select != null) {
            // A magnet link's selection is checked once its metadata is known (a .torrent's was before adding).
            if (torrent.metainfo().isEmpty()
                    && watch.watch(torrent, TransferWatch.Goal.METADATA) == TransferWatch.End.STOPPED) {
                closer.close();
                throw stopped(dir);
            }
            try {
                priorities(select, torrent.metainfo().orElseThrow());
            } catch (CliException e) {
                closer.close();
                throw e;
            }
        }
        if (watch.watch(torrent, TransferWatch.Goal.COMPLETE) == TransferWatch.End.STOPPED) {
            closer.close();
            throw stopped(dir);
        }
        if (!json) {
            io.out().println(summary(torrent.status(), dir, io.nanoTime().getAsLong() - started));
            io.out().flush();
        }
        TransferWatch.Goal seeding = seedingGoal();
        if (seeding != null && watch.watch(torrent, seeding) == TransferWatch.End.STOPPED) {
            closer.close();
            throw new CliException(ExitCode.INTERRUPTED, "stopped seeding", null);
        }
    }

    private static CliException stopped(Path dir) {
        return new CliException(ExitCode.INTERRUPTED, "stopped; resume data saved in " + dir.resolve(".torrpedo")
                + ": run the same command to go on", null);
    }

    /** @return the line that says the download is complete: what, how much, how fast, where */
    static String summary(TorrentStatus s, Path dir, long nanos) {
        double seconds = nanos / 1e9;
        long received = s.downloadedBytes();
        String speed = received > 0 && seconds > 0 ? ", " + Units.formatRate((long) (received / seconds)) : "";
        return "complete: " + TorrentReport.printable(s.name()) + ", " + Units.formatSize(s.wantedSize()) + " in "
                + dir + " (" + Units.formatSize(received) + " downloaded in "
                + String.format(Locale.ROOT, "%.1f s", seconds) + speed + ")";
    }

    /** @return the engine's seed limits for {@code --seed-ratio} and {@code --seed-time} */
    private TorrentLimits seedLimits() {
        TorrentLimits limits = TorrentLimits.NONE;
        if (seedRatio != null && seedRatio > 0) {
            limits = limits.withSeedRatio(seedRatio);
        }
        if (seedTime != null && seedTime > 0) {
            limits = limits.withSeedTime(Duration.ofSeconds(seedTime));
        }
        return limits;
    }

    /** @return what to do once complete: null to exit, else how long to seed */
    private TransferWatch.Goal seedingGoal() {
        if (noSeed || (seedRatio != null && seedRatio == 0) || (seedTime != null && seedTime == 0)) {
            return null;
        }
        return seedRatio != null || seedTime != null ? TransferWatch.Goal.SEED_LIMIT : TransferWatch.Goal.FOREVER;
    }

    /**
     * @return the engine's file priorities for {@code select} over {@code torrent}'s files
     * @throws CliException ({@link ExitCode#USAGE}) for an index the torrent does not have
     */
    static int[] priorities(FileSelection select, Torrent torrent) {
        try {
            return select.priorities(torrent.files());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--select " + select + ": " + e.getMessage());
        }
    }

    /**
     * @return {@code link} selecting the files of {@code select} with BEP 53 {@code so} (in
     *         place of its own), which the engine applies as the metadata arrives, before it
     *         creates any file
     */
    static String selecting(MagnetLink link, FileSelection select) {
        List<MagnetLink.FileRange> ranges = new ArrayList<>();
        for (FileSelection.Range r : select.ranges()) {
            ranges.add(new MagnetLink.FileRange(r.first(), r.last()));
        }
        return new MagnetLink(link.infoHash(), link.displayName(), link.trackers(), link.webSeeds(), link.peers(),
                ranges).toString();
    }

    private void checkSeedingFlags() {
        if (seedRatio != null && !(seedRatio >= 0 && seedRatio < Double.POSITIVE_INFINITY)) {
            throw CliException.usage("--seed-ratio: " + seedRatio + " (expected: a number >= 0)");
        }
        if (seedTime != null && seedTime < 0) {
            throw CliException.usage("--seed-time: " + seedTime + " (expected: seconds >= 0)");
        }
        if (noSeed && (seedRatio != null || seedTime != null)) {
            throw CliException.usage("--no-seed contradicts " + (seedRatio != null ? "--seed-ratio" : "--seed-time"));
        }
    }
}
