package dev.torrpedo.cli;

import dev.torrpedo.metainfo.Torrent;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code torrpedo download <file.torrent|magnet|http-url> -o DIR}: fetches a torrent, shows
 * its progress, then seeds as asked. Checks its input now; the transfer itself arrives with
 * the engine.
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
            description = "Once complete, seed until uploaded/downloaded reaches R.")
    Double seedRatio;

    @Option(names = "--seed-time", paramLabel = "SECONDS",
            description = "Once complete, seed for at most SECONDS.")
    Long seedTime;

    @Option(names = "--no-seed", description = "Exit as soon as the download is complete.")
    boolean noSeed;

    @Option(names = "--select", paramLabel = "FILES", converter = Converters.Selection.class,
            description = "Download only these files, as 1,3-5: indices as 'torrpedo info' lists them, single or"
                    + " in ranges.")
    FileSelection select;

    @Option(names = "--sequential", description = "Download pieces in order (to play while downloading).")
    boolean sequential;

    @Option(names = "--max-down", paramLabel = "RATE", converter = Converters.Rate.class,
            description = "Download rate limit in bytes/s, as 500K or 2M; 0 for none (the default).")
    long maxDown;

    @Option(names = "--max-up", paramLabel = "RATE", converter = Converters.Rate.class,
            description = "Upload rate limit in bytes/s, as 500K or 2M; 0 for none (the default).")
    long maxUp;

    @Option(names = "--no-dht", description = "Do not use the DHT to find peers.")
    boolean noDht;

    @Option(names = "--no-lsd", description = "Do not use local service discovery to find peers.")
    boolean noLsd;

    @Option(names = "--json", description = "Write one JSON status object per second on stdout instead of the"
            + " progress line.")
    boolean json;

    @Override
    public Integer call() {
        checkSeedingFlags();
        TorrentInput input = TorrentInput.load(source);
        if (select != null && input instanceof TorrentInput.Metainfo m) {
            priorities(select, m.torrent());
        }
        OutputDirectory.check(output, "-o");
        throw NotYet.available("download");
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
