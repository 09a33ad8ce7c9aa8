package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Encryption;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BitTorrent v2 (BEP 52) with python3-libtorrent 2.0, over TCP on loopback: v2-only and
 * hybrid torrents made by libtorrent ({@code lt_make_torrent.py}) transfer both ways; we fetch
 * piece layers we lack from libtorrent, and libtorrent, from a magnet link, fetches the
 * metadata and the piece layers from us. Every file is checked by its SHA-256.
 */
class V2InteropTest {
    private static final Duration TRANSFER = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "libtorrent seeds a {0} torrent to us")
    @ValueSource(strings = {"v2", "hybrid"})
    void weDownloadFromLibtorrent(String mode) throws Exception {
        Made made = make(mode);
        try (RealPeers.Started lt = RealPeers.libtorrent(dir, made.torrentFile, made.dataDir, "plain",
                List.of("--tcp-only"));
             Session session = session()) {
            TorrentHandle t = session.add(AddTorrent.bytes(made.torrent.bytes())).join();
            t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), lt.port()));
            awaitComplete(t, lt);
            made.assertIntact(t.status().savePath());
        }
    }

    @ParameterizedTest(name = "libtorrent downloads a {0} torrent from us")
    @ValueSource(strings = {"v2", "hybrid"})
    void libtorrentDownloadsFromUs(String mode) throws Exception {
        Made made = make(mode);
        Path leech = Files.createDirectories(dir.resolve("leech"));
        try (Session session = session()) {
            TorrentHandle t = session.add(AddTorrent.bytes(made.torrent.bytes()).withSavePath(made.dataDir)).join();
            t.completion().join();
            try (RealPeers.Started lt = RealPeers.libtorrent(dir, made.torrentFile, leech, "plain", List.of("--tcp-only"),
                    "127.0.0.1:" + session.listenPort())) {
                awaitIntact(made, leech, lt);
                assertTrue(t.status().uploadedBytes() >= made.torrent.payloadSize(), t.status().toString());
            }
        }
    }

    /** Our .torrent lacks piece layers (as if saved from a magnet link): libtorrent answers our hash requests. */
    @ParameterizedTest(name = "we fetch the piece layers of a {0} torrent from libtorrent")
    @ValueSource(strings = {"v2", "hybrid"})
    void weFetchPieceLayersFromLibtorrent(String mode) throws Exception {
        Made made = make(mode);
        byte[] stripped = withoutPieceLayers(made.torrent.bytes());
        assertFalse(Torrent.parse(stripped, dev.torrpedo.metainfo.TorrentLimits.DEFAULT, false).hasPieceLayers());
        try (RealPeers.Started lt = RealPeers.libtorrent(dir, made.torrentFile, made.dataDir, "plain",
                List.of("--tcp-only"));
             Session session = session()) {
            TorrentHandle t = session.add(AddTorrent.bytes(stripped)).join();
            t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), lt.port()));
            awaitComplete(t, lt);
            made.assertIntact(t.status().savePath());
            long deadline = System.nanoTime() + TRANSFER.toNanos();
            while (!t.metainfo().orElseThrow().hasPieceLayers()) {
                assertTrue(System.nanoTime() < deadline, "the piece layers never arrived");
                Thread.sleep(20);
            }
            assertEquals(made.torrent.infoHash(), t.metainfo().orElseThrow().infoHash());
        }
    }

    /** libtorrent has only a magnet link: the info dictionary (ut_metadata) and the piece layers come from us. */
    @Test
    void libtorrentFetchesMetadataAndPieceLayersFromUs() throws Exception {
        Made made = make("v2");
        Path leech = Files.createDirectories(dir.resolve("leech"));
        String magnet = "magnet:?xt=urn:btmh:1220" + java.util.HexFormat.of().formatHex(made.torrent.infoHash().v2()) + "&dn=" + made.torrent.name();
        try (Session session = session()) {
            TorrentHandle t = session.add(AddTorrent.bytes(made.torrent.bytes()).withSavePath(made.dataDir)).join();
            t.completion().join();
            try (RealPeers.Started lt = RealPeers.libtorrentMagnet(dir, magnet, leech, "plain", List.of("--tcp-only"),
                    "127.0.0.1:" + session.listenPort())) {
                awaitIntact(made, leech, lt);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private Session session() {
        Settings settings = Settings.defaults().toBuilder().allowLocalTrackers(true).encryption(Encryption.PREFER).build();
        return Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(dir.resolve("downloads")).resumeDir(dir.resolve("resume")).settings(settings).build();
    }

    private static void awaitComplete(TorrentHandle t, RealPeers.Started peer) throws InterruptedException {
        long deadline = System.nanoTime() + TRANSFER.toNanos();
        while (!t.completion().isDone()) {
            if (System.nanoTime() > deadline || !peer.process().isAlive()) {
                throw new AssertionError("no download: " + t.status() + "\n" + tail(peer.process().output()));
            }
            Thread.sleep(20);
        }
        t.completion().join();
    }

    private static void awaitIntact(Made made, Path leech, RealPeers.Started peer) throws InterruptedException {
        long deadline = System.nanoTime() + TRANSFER.toNanos();
        while (!made.intactIn(leech)) {
            if (System.nanoTime() > deadline || !peer.process().isAlive()) {
                throw new AssertionError("libtorrent did not download the payload\n" + tail(peer.process().output()));
            }
            Thread.sleep(50);
        }
        made.assertIntact(leech);
    }

    static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    /** The .torrent without its {@code piece layers}. */
    static byte[] withoutPieceLayers(byte[] torrent) {
        BDictionary root = (BDictionary) BencodeDecoder.strict().decode(torrent);
        BDictionary.Builder b = BDictionary.builder();
        for (BDictionary.Entry e : root.entries()) {
            if (!e.key().utf8().equals("piece layers")) {
                b.put(e.key().bytes(), e.value());
            }
        }
        return BencodeEncoder.encode(b.build());
    }

    /**
     * A payload made by libtorrent's torrent maker.
     *
     * @param dataDir     the directory the payload's top directory is in
     * @param torrentFile the .torrent libtorrent wrote
     * @param torrent     it, parsed by us
     * @param sha256      each file's SHA-256, by path relative to a save path
     */
    record Made(Path dataDir, Path torrentFile, Torrent torrent, Map<String, byte[]> sha256) {
        void assertIntact(Path saveDir) {
            Payloads.assertIntact(sha256, saveDir);
        }

        boolean intactIn(Path saveDir) {
            return Payloads.intactIn(sha256, saveDir);
        }
    }

    /** Files of uneven sizes (one spans many pieces), made into a torrent by libtorrent. */
    Made make(String mode) throws IOException {
        Path data = Files.createDirectories(dir.resolve("seed"));
        Path root = Payloads.multiFile(data, "v2payload", 31);
        Payloads.file(root.resolve("big.bin"), 1_234_567, 32);
        Map<String, byte[]> sums = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sums.put(data.relativize(f).toString(), Payloads.sha256Of(f));
            }
        }
        Path torrentFile = dir.resolve(mode + ".torrent");
        RealPeers.run(dir, Duration.ofSeconds(60), RealPeers.PYTHON, RealPeers.pythonScript("lt_make_torrent.py").toString(),
                "--mode", mode, "--piece-size", Integer.toString(32 * 1024), "--out", torrentFile.toString(),
                root.toString());
        Torrent t = Torrent.parse(Files.readAllBytes(torrentFile));
        assertEquals(mode.equals("v2") ? TorrentVersion.V2 : TorrentVersion.HYBRID, t.version());
        return new Made(data, torrentFile, t, sums);
    }
}
