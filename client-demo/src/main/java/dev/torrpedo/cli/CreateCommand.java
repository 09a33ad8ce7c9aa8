package dev.torrpedo.cli;

import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code torrpedo create <path> -o OUT.torrent}: hashes a file or a directory into a v1, v2
 * or hybrid .torrent, with hashing progress on stderr. Ctrl-C stops hashing and writes
 * nothing. The .torrent appears whole or not at all (written aside, then moved in place).
 */
@Command(name = "create", sortOptions = false,
        description = {"Make a .torrent of a file or a directory (hybrid v1+v2 unless told otherwise)."})
final class CreateCommand implements Callable<Integer> {
    private static final Set<String> TRACKER_SCHEMES = Set.of("http", "https", "udp");
    private static final Set<String> WEB_SEED_SCHEMES = Set.of("http", "https");

    @ParentCommand
    TorrpedoCommand parent;

    @Parameters(index = "0", paramLabel = "<path>", description = "The file or directory to share.")
    Path source;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.torrent",
            description = "Where to write the .torrent (default: <name>.torrent in the current directory);"
                    + " an existing file is replaced.")
    Path output;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Format format;

    /** The mutually exclusive version flags. */
    static final class Format {
        @Option(names = "--v1", description = "A v1 torrent (BEP 3, SHA-1), for old clients only.")
        boolean v1;

        @Option(names = "--v2", description = "A v2 torrent (BEP 52, SHA-256 merkle trees), for new clients only.")
        boolean v2;

        @Option(names = "--hybrid", description = "A hybrid torrent, both v1 and v2 (the default).")
        boolean hybrid;
    }

    @Option(names = "--piece-size", paramLabel = "SIZE", converter = Converters.PieceSize.class,
            description = "Piece size, as 256K or 1M: a power of two of at least 16K for v2 and hybrid"
                    + " (default: chosen from the total size, as libtorrent does).")
    Integer pieceSize;

    @Option(names = "--tracker", paramLabel = "URL",
            description = "Tracker announce URL (repeatable; each in a tier of its own, or several in one tier"
                    + " when separated by commas).")
    List<String> trackers = new ArrayList<>();

    @Option(names = "--web-seed", paramLabel = "URL", description = "Web seed URL, BEP 19 (repeatable).")
    List<String> webSeeds = new ArrayList<>();

    @Option(names = "--private", description = "Set the private flag (BEP 27): peers from the trackers only.")
    boolean privateFlag;

    @Option(names = "--comment", paramLabel = "TEXT", description = "A comment stored in the .torrent.")
    String comment;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Io io = parent.io();
        Path src = source.toAbsolutePath().normalize();
        if (!Files.exists(src)) {
            throw CliException.runtime(source + ": no such file or directory", null);
        }
        Path out = output(src);
        ProgressPrinter progress = new ProgressPrinter(io.err(), io.terminal(), io.nanoTime());
        TorrentCreator creator = creator(src, progress);
        Torrent torrent;
        Thread creating = Thread.currentThread();
        try (InterruptHandler ctrlC = InterruptHandler.install(creating::interrupt, io.err())) {
            progress.showNow("hashing " + source);
            torrent = hash(creator);
            if (ctrlC.interrupted()) {
                // Ctrl-C after the last piece: the user still asked to stop, so write nothing.
                Thread.interrupted();
                throw new InterruptedException();
            }
        } finally {
            progress.finish();
        }
        write(torrent.bytes(), out);
        io.out().println("created " + out + ": " + torrent.version().name().toLowerCase(Locale.ROOT) + ", "
                + Units.formatSize(torrent.payloadSize()) + ", " + torrent.pieceCount()
                + (torrent.pieceCount() == 1 ? " piece of " : " pieces of ") + Units.formatSize(torrent.pieceLength()));
        if (torrent.infoHash().hasV1()) {
            io.out().println("info hash v1: " + HexFormat.of().formatHex(torrent.infoHash().v1()));
        }
        if (torrent.infoHash().hasV2()) {
            io.out().println("info hash v2: " + HexFormat.of().formatHex(torrent.infoHash().v2()));
        }
        io.out().println("magnet: " + MagnetLink.of(torrent));
        io.out().flush();
        return ExitCode.OK;
    }

    /** @return the hashing progress line */
    static String hashing(long done, long total) {
        return "hashing " + ProgressLine.percent(total == 0 ? 1 : (double) done / total) + "  "
                + Units.formatSize(done) + "/" + Units.formatSize(total);
    }

    private Torrent hash(TorrentCreator creator) throws IOException, InterruptedException {
        try {
            return creator.create();
        } catch (NoSuchFileException e) {
            throw CliException.runtime(e.getFile() + ": no such file or directory", e);
        } catch (IllegalStateException e) {
            // Too many pieces for the piece size.
            throw CliException.usage(e.getMessage());
        } catch (IOException e) {
            throw CliException.runtime("cannot hash " + source + ": " + ErrorReporter.message(e), e);
        }
    }

    /** The .torrent's path, refused inside the data it describes. */
    private Path output(Path src) {
        Path out = output != null ? output : Path.of(src.getFileName() + ".torrent");
        Path abs = out.toAbsolutePath().normalize();
        if (abs.startsWith(src)) {
            throw CliException.usage("-o " + out + " is inside " + source + ", the data it would describe");
        }
        if (Files.isDirectory(abs)) {
            throw CliException.usage("-o " + out + " is a directory (expected: a file name, as "
                    + src.getFileName() + ".torrent)");
        }
        OutputDirectory.check(abs.getParent(), "-o");
        return out;
    }

    private TorrentCreator creator(Path src, ProgressPrinter progress) {
        TorrentCreator.Builder b = TorrentCreator.builder(src)
                .version(version())
                .progress((done, total) -> {
                    if (done == total) {
                        progress.showNow(hashing(done, total));
                    } else {
                        progress.show(hashing(done, total));
                    }
                })
                .createdBy("Torrpedo " + VersionProvider.version())
                .privateFlag(privateFlag);
        if (pieceSize != null) {
            b.pieceLength(pieceSize);
        }
        for (String tier : trackers) {
            List<String> urls = Arrays.stream(tier.split(",")).map(String::strip).filter(u -> !u.isEmpty()).toList();
            if (urls.isEmpty()) {
                throw CliException.usage("--tracker '" + tier + "': no URL");
            }
            urls.forEach(u -> checkUrl("--tracker", u, TRACKER_SCHEMES));
            b.trackerTier(urls);
        }
        for (String url : webSeeds) {
            checkUrl("--web-seed", url.strip(), WEB_SEED_SCHEMES);
            b.webSeed(url);
        }
        if (comment != null) {
            b.comment(comment);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--piece-size " + pieceSize + ": " + version().name().toLowerCase(Locale.ROOT)
                    + " torrents need a power of two of at least 16K, as 256K or 1M");
        }
    }

    private TorrentVersion version() {
        if (format == null || format.hybrid) {
            return TorrentVersion.HYBRID;
        }
        return format.v1 ? TorrentVersion.V1 : TorrentVersion.V2;
    }

    private static void checkUrl(String flag, String url, Set<String> schemes) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!schemes.contains(scheme) || uri.getHost() == null) {
                throw CliException.usage(flag + " '" + url + "' is not a URL with a host and one of the schemes "
                        + String.join(", ", schemes.stream().sorted().toList()));
            }
        } catch (URISyntaxException e) {
            throw CliException.usage(flag + " '" + url + "' is not a URL: " + e.getMessage());
        }
    }

    /** Writes {@code bytes} to {@code out} whole or not at all. */
    private static void write(byte[] bytes, Path out) throws IOException {
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".part");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
