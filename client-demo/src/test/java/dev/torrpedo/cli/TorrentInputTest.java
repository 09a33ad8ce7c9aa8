package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentInputTest {
    @TempDir
    Path dir;
    private Torrent torrent;
    private Path file;
    private HttpServer http;

    @BeforeEach
    void torrent() throws Exception {
        Files.write(dir.resolve("payload.bin"), new byte[100_000]);
        torrent = TorrentCreator.builder(dir.resolve("payload.bin")).build().create();
        file = Files.write(dir.resolve("payload.torrent"), torrent.bytes());
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.stop(0);
        }
    }

    private String serve(int status, byte[] body) throws Exception {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/x.torrent";
    }

    @Test
    void readsAFile() {
        TorrentInput in = TorrentInput.load(file.toString());
        assertEquals(torrent.infoHash(), in.infoHash());
        assertEquals(file.toString(), in.origin());
    }

    @Test
    void readsAMagnetLink() {
        TorrentInput in = TorrentInput.load(" magnet:?xt=urn:btih:" + torrent.infoHash().id() + "&dn=x ");
        assertInstanceOf(TorrentInput.Magnet.class, in);
        assertEquals(torrent.infoHash().id(), in.infoHash().id());
    }

    @Test
    void fetchesAUrl() throws Exception {
        TorrentInput in = TorrentInput.load(serve(200, torrent.bytes()));
        assertEquals(torrent.infoHash(), in.infoHash());
    }

    @Test
    void eachFailureHasItsCode() throws Exception {
        assertFailure(1, "no such file", dir.resolve("missing.torrent").toString());
        assertFailure(1, "is a directory", dir.toString());
        Path corrupt = Files.write(dir.resolve("corrupt.torrent"), Arrays.copyOf(torrent.bytes(), 50));
        assertFailure(3, "bad torrent " + corrupt + ": MALFORMED_BENCODE", corrupt.toString());
        assertFailure(3, "bad magnet link: INVALID_MAGNET", "magnet:?xt=urn:btih:123");
        assertFailure(3, "bad magnet link", "MAGNET:?dn=no-hash");
        String notFound = serve(404, new byte[0]);
        assertFailure(1, "cannot fetch " + notFound + ": HTTP 404", notFound);
        http.stop(0);
        assertFailure(1, "cannot fetch", notFound);
        String garbage = serve(200, "<html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertFailure(3, "bad torrent " + garbage, garbage);
    }

    private static void assertFailure(int code, String part, String arg) {
        CliException e = assertThrows(CliException.class, () -> TorrentInput.load(arg));
        assertEquals(code, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
