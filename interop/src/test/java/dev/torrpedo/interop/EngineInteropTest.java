package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Encryption;
import dev.torrpedo.engine.PeerInfo;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our engine against the real clients, each way, over TCP on loopback: plaintext and with
 * MSE/PE required, a single-file and a multi-file v1 torrent. Every transfer is checked by
 * the SHA-256 of each file.
 */
class EngineInteropTest {
    private static final Duration TRANSFER = Duration.ofSeconds(90);

    /** The real clients. */
    enum Client {
        LIBTORRENT, TRANSMISSION, ARIA2
    }

    @TempDir
    Path dir;

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        // -Dinterop.clients=ARIA2,TRANSMISSION narrows the matrix when working on one client
        String only = System.getProperty("interop.clients", "");
        for (Client c : Client.values()) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(c.name())) {
                continue;
            }
            for (boolean encrypted : new boolean[] {false, true}) {
                for (boolean multi : new boolean[] {false, true}) {
                    all.add(Arguments.of(c, encrypted, multi));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} seeds to us, MSE required: {1}, multi-file: {2}")
    @MethodSource("matrix")
    void weDownloadFrom(Client client, boolean encrypted, boolean multi) throws Exception {
        Path seedDir = Files.createDirectories(dir.resolve("seed"));
        Made made = make(seedDir, multi);
        try (RealPeers.Started peer = start(client, made.torrentFile, seedDir, encrypted, true);
             Session session = session(encrypted)) {
            TorrentHandle t = session.add(AddTorrent.bytes(made.torrent.bytes())).join();
            t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.port()));
            List<PeerInfo> seen = watch(t, t.completion(), peer);
            made.assertIntact(session.torrents().get(0).status().savePath());
            assertEncryption(seen, encrypted);
        }
    }

    @ParameterizedTest(name = "{0} downloads from us, MSE required: {1}, multi-file: {2}")
    @MethodSource("matrix")
    void downloadsFromUs(Client client, boolean encrypted, boolean multi) throws Exception {
        Path ours = Files.createDirectories(dir.resolve("ours"));
        Made made = make(ours, multi);
        Path leechDir = Files.createDirectories(dir.resolve("leech"));
        try (Session session = session(encrypted)) {
            TorrentHandle t = session.add(AddTorrent.bytes(made.torrent.bytes()).withSavePath(ours)).join();
            t.completion().join();
            try (RealPeers.Started peer = client == Client.LIBTORRENT
                    ? RealPeers.libtorrent(dir, made.torrentFile, leechDir, encrypted ? "require" : "plain",
                            List.of("--tcp-only"), "127.0.0.1:" + session.listenPort())
                    : start(client, made.torrentFile, leechDir, encrypted, false)) {
                if (client != Client.LIBTORRENT) {
                    // Transmission does not dial 127.x peers; aria2 has no tracker here: we dial them
                    t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.port()));
                }
                List<PeerInfo> seen = new ArrayList<>();
                long deadline = System.nanoTime() + TRANSFER.toNanos();
                while (!made.intactIn(leechDir)) {
                    seen.addAll(t.peers());
                    if (System.nanoTime() > deadline || !peer.process().isAlive()) {
                        throw new AssertionError(client + " did not download the payload: " + t.status() + "\n"
                                + tail(peer.process().output()));
                    }
                    Thread.sleep(20);
                }
                made.assertIntact(leechDir);
                assertTrue(t.status().uploadedBytes() >= made.torrent.payloadSize(), t.status().toString());
                assertEncryption(seen, encrypted);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    private static void assertEncryption(List<PeerInfo> seen, boolean encrypted) {
        for (PeerInfo p : seen) {
            assertEquals(encrypted, p.encrypted(), p.toString());
        }
    }

    private List<PeerInfo> watch(TorrentHandle t, CompletableFuture<TorrentHandle> completion, RealPeers.Started peer)
            throws InterruptedException {
        List<PeerInfo> seen = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + TRANSFER.toNanos();
        while (!completion.isDone()) {
            seen.addAll(t.peers());
            if (System.nanoTime() > deadline || !peer.process().isAlive()) {
                throw new AssertionError("no download: " + t.status() + "\n" + tail(peer.process().output()));
            }
            Thread.sleep(20);
        }
        completion.join();
        return seen;
    }

    private Session session(boolean encrypted) {
        Settings settings = Settings.defaults().toBuilder().allowLocalTrackers(true)
                .encryption(encrypted ? Encryption.REQUIRE : Encryption.PLAINTEXT).build();
        return Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(dir.resolve("downloads")).resumeDir(dir.resolve("resume")).settings(settings).build();
    }

    private RealPeers.Started start(Client client, Path torrent, Path dataDir, boolean encrypted, boolean seeding) {
        switch (client) {
            case LIBTORRENT:
                return RealPeers.libtorrent(dir, torrent, dataDir, encrypted ? "require" : "plain");
            case TRANSMISSION:
                return RealPeers.transmission(dir, torrent, dataDir, encrypted ? "-er" : "-et");
            case ARIA2:
                return RealPeers.aria2(dir, torrent, dataDir, encrypted
                        ? List.of("--bt-require-crypto=true", "--bt-min-crypto-level=arc4")
                        : List.of("--bt-require-crypto=false", "--bt-min-crypto-level=plain"));
            default:
                throw new AssertionError(client);
        }
    }

    /** A payload made under a directory, its torrent (also written to a file), and its files' hashes. */
    private record Made(Torrent torrent, Path torrentFile, Map<String, byte[]> sha256) {
        void assertIntact(Path saveDir) {
            Payloads.assertIntact(sha256, saveDir);
        }

        boolean intactIn(Path saveDir) {
            return Payloads.intactIn(sha256, saveDir);
        }
    }

    private Made make(Path dataDir, boolean multi) throws IOException, InterruptedException {
        Path root;
        Map<String, byte[]> sums = new LinkedHashMap<>();
        if (multi) {
            root = Payloads.multiFile(dataDir, "multi", 21);
            Payloads.file(root.resolve("big.bin"), 1_500_000, 25);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    sums.put(dataDir.relativize(f).toString(), Payloads.sha256Of(f));
                }
            }
        } else {
            root = Payloads.file(dataDir.resolve("single.bin"), 2_000_000 + 777, 22);
            sums.put("single.bin", Payloads.sha256Of(root));
        }
        Torrent t = TorrentCreator.builder(root).version(TorrentVersion.V1).pieceLength(32 * 1024).parallelism(1)
                .build().create();
        Path file = dir.resolve((multi ? "multi" : "single") + ".torrent");
        Files.write(file, t.bytes());
        return new Made(t, file, sums);
    }
}
