package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each real client starts on a random loopback port, serves, and is gone after close. */
class RealPeersTest {

    @TempDir
    Path dir;

    private Path payload;
    private Path torrent;
    private String infoHash;

    @BeforeEach
    void makeTorrent() {
        payload = Payloads.file(dir.resolve("data/payload.bin"), 500_000, 3);
        torrent = dir.resolve("payload.torrent");
        String json = RealPeers.run(dir, Duration.ofSeconds(60), RealPeers.PYTHON,
                RealPeers.pythonScript("lt_make_torrent.py").toString(),
                "--mode", "v1", "--piece-size", "32768", "--out", torrent.toString(), payload.toString());
        infoHash = BencodeDecoder.strict().decode(FlatJson.toBencode(json.lines()
                .filter(l -> l.startsWith("{")).findFirst().orElseThrow())).asDictionary().getUtf8("v1");
    }

    @Test
    void libtorrentSeeds() {
        RealPeers.Started lt;
        try (RealPeers.Started started = RealPeers.libtorrent(dir, torrent, payload.getParent(), "prefer")) {
            lt = started;
            started.process().awaitOutput("COMPLETE", Duration.ofSeconds(30));
        }
        assertFalse(lt.process().isAlive());
    }

    @Test
    void rtorrentSeeds() {
        RealPeers.Started rt;
        try (RealPeers.Started started = RealPeers.rtorrent(dir, torrent, payload.getParent())) {
            rt = started;
            RtorrentRpc rpc = RtorrentRpc.of(dir, started);
            started.process().await(() -> rpc.isComplete(infoHash), "rtorrent seeding " + infoHash, Duration.ofSeconds(30));
        }
        assertFalse(rt.process().isAlive());
    }

    @Test
    void aria2Seeds() {
        RealPeers.Started aria;
        try (RealPeers.Started started = RealPeers.aria2(dir, torrent, payload.getParent())) {
            aria = started;
            assertTrue(started.process().isAlive());
        }
        assertFalse(aria.process().isAlive());
    }

    @Test
    void transmissionSeeds() {
        RealPeers.Started tr;
        try (RealPeers.Started started = RealPeers.transmission(dir, torrent, payload.getParent())) {
            tr = started;
            assertTrue(started.process().isAlive());
        }
        assertFalse(tr.process().isAlive());
    }

    @Test
    void opentrackerAnswersAnnouncesForWhitelistedHashes() throws IOException {
        Path trackerDir = Files.createDirectories(dir.resolve("tracker"));
        RealPeers.Started ot;
        try (RealPeers.Started started = RealPeers.opentracker(trackerDir, List.of(infoHash))) {
            ot = started;
            BDictionary ok = announce(started.port(), infoHash);
            assertTrue(ok.getLong("interval") > 0, ok.toString());
            assertEquals(1, ok.getLong("complete"));
            BDictionary refused = announce(started.port(), "00".repeat(20));
            assertTrue(refused.containsKey("failure reason"), refused.toString());
        }
        assertFalse(ot.process().isAlive());
    }

    private static BDictionary announce(int port, String infoHashHex) throws IOException {
        StringBuilder hash = new StringBuilder();
        for (int i = 0; i < infoHashHex.length(); i += 2) {
            hash.append('%').append(infoHashHex, i, i + 2);
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/announce?info_hash=" + hash
                + "&peer_id=-TP0001-abcdefghijkl&port=6881&uploaded=0&downloaded=0&left=0&compact=1&event=started");
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try (InputStream in = c.getInputStream()) {
            return BencodeDecoder.lenient().decode(in.readAllBytes()).asDictionary();
        } finally {
            c.disconnect();
        }
    }
}
