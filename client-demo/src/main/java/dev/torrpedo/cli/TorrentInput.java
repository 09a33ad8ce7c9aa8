package dev.torrpedo.cli;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.MetainfoException;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What the user named as the torrent: a .torrent file, a magnet link, or the http(s) URL
 * of a .torrent. {@link #load(String)} reads and checks it, failing with a one-line
 * {@link CliException}: {@link ExitCode#BAD_TORRENT} for a torrent or magnet link that
 * cannot be used, {@link ExitCode#RUNTIME} for a file or URL that cannot be read.
 */
public sealed interface TorrentInput {
    /** Longest wait for a .torrent over HTTP. */
    Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    /** @return the torrent's identity */
    InfoHash infoHash();

    /** @return where it came from, for messages: the path, the URL or {@code "magnet link"} */
    String origin();

    /**
     * A .torrent, read from a file or fetched from a URL.
     *
     * @param origin  the path or URL
     * @param torrent the parsed torrent
     */
    record Metainfo(String origin, Torrent torrent) implements TorrentInput {
        @Override
        public InfoHash infoHash() {
            return torrent.infoHash();
        }
    }

    /**
     * A magnet link; the metadata comes from peers later.
     *
     * @param link the parsed link
     */
    record Magnet(MagnetLink link) implements TorrentInput {
        @Override
        public InfoHash infoHash() {
            return link.infoHash();
        }

        @Override
        public String origin() {
            return "magnet link";
        }
    }

    /**
     * Reads {@code arg}: {@code magnet:?…}, {@code http://…}/{@code https://…}, or a path.
     *
     * @throws CliException with the exit code and one line saying what failed
     */
    static TorrentInput load(String arg) {
        String lower = arg.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("magnet:")) {
            try {
                return new Magnet(MagnetLink.parse(arg.strip()));
            } catch (MetainfoException e) {
                throw CliException.badTorrent("bad magnet link: " + e.getMessage(), e);
            }
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return parse(arg, fetch(arg.strip()));
        }
        return parse(arg, read(Path.of(arg)));
    }

    /** Parses {@code bytes} read from {@code origin}. */
    private static Metainfo parse(String origin, byte[] bytes) {
        try {
            return new Metainfo(origin, Torrent.parse(bytes));
        } catch (MetainfoException e) {
            throw CliException.badTorrent("bad torrent " + origin + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw CliException.runtime(file + " is a directory, not a .torrent file", null);
            }
            long size = Files.size(file);
            if (size > TorrentLimits.DEFAULT.maxSize()) {
                throw CliException.badTorrent("bad torrent " + file + ": " + size + " bytes (expected: <= "
                        + TorrentLimits.DEFAULT.maxSize() + ")", null);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw CliException.runtime(file + ": no such file", e);
        } catch (IOException e) {
            throw CliException.runtime("cannot read " + file + ": " + ErrorReporter.message(e), e);
        }
    }

    private static byte[] fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("'" + url + "' is not a URL: " + e.getMessage());
        }
        int limit = TorrentLimits.DEFAULT.maxSize();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(HTTP_TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT)
                .header("User-Agent", "torrpedo").GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw CliException.runtime("cannot fetch " + url + ": HTTP " + response.statusCode(), null);
                }
                byte[] bytes = body.readNBytes(limit + 1);
                if (bytes.length > limit) {
                    throw CliException.badTorrent("bad torrent " + url + ": more than " + limit + " bytes", null);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw CliException.runtime("cannot fetch " + url + ": " + ErrorReporter.message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted while fetching " + url, e);
        }
    }
}
