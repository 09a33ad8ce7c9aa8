package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Encryption;
import dev.torrpedo.engine.PeerInfo;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8's "a hybrid torrent downloads from a v1-only client (v1 side) and libtorrent (v2
 * side) at once", and why that v1-only client is rtorrent. A BEP 52 {@code file tree} puts every
 * file under the dictionary key {@code ""}, and the other v1-only clients here fail on it:
 * <ul>
 *   <li>transmission-cli 3.00 interns dictionary keys, and the empty string is its "no key
 *       yet" value, so its bencode parser reads the value after {@code 0:} as a key and fails:
 *       it refuses to open the torrent at all.</li>
 *   <li>aria2 1.36 drops entries with an empty key while decoding, then re-encodes the info
 *       dictionary to hash it: it computes another v1 info-hash, so its handshake (and ours to
 *       it) names a torrent the other side does not have.</li>
 * </ul>
 * Two tests pin both facts down against the installed binaries. rtorrent 0.9.8 opens a hybrid
 * torrent, computes its true v1 info-hash and checks the data against the v1 piece hashes, given
 * the pad files as zero-filled files beside the data (it knows nothing of pad files) and a
 * tracker (it refuses a torrent without one; the URL leads nowhere).
 */
class HybridSwarmInteropTest {
    private static final Duration RUN = Duration.ofSeconds(30);
    private static final Duration SWARM = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /**
     * libtorrent (v2 side: it answers hash requests) and rtorrent (v1 side) seed the same folder;
     * we, plaintext and download-limited so that the transfer lasts a few seconds, dial both. Each
     * must deliver part of the payload while both are connected. Without {@code piece layers} in
     * our .torrent, the layers must arrive: only libtorrent can send them, so its connection
     * spoke v2 while rtorrent's spoke v1.
     */
    @ParameterizedTest(name = "piece layers in our .torrent: {0}")
    @ValueSource(booleans = {true, false})
    void downloadsFromRtorrentAndLibtorrentAtOnce(boolean withPieceLayers) throws Exception {
        V2InteropTest.Made made = makeSwarmPayload();
        String v1 = HexFormat.of().formatHex(made.torrent().infoHash().v1());
        byte[] ours = withPieceLayers ? made.torrent().bytes() : V2InteropTest.withoutPieceLayers(made.torrent().bytes());
        try (RealPeers.Started lt = RealPeers.libtorrent(dir, made.torrentFile(), made.dataDir(), "plain",
                List.of("--tcp-only"));
             RealPeers.Started rt = RealPeers.rtorrent(dir, made.torrentFile(), made.dataDir())) {
            RtorrentRpc rpc = RtorrentRpc.of(dir, rt);
            lt.process().awaitOutput("COMPLETE", SWARM);
            try {
                rt.process().await(() -> rpc.isComplete(v1), "rtorrent seeding " + v1, SWARM);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nrtorrent's log:\n" + V2InteropTest.tail(rpc.log()), e);
            }
            try (Session session = swarmSession()) {
                TorrentHandle t = session.add(AddTorrent.bytes(ours)).join();
                t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), lt.port()));
                t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), rt.port()));
                Map<Integer, Long> downloaded = new HashMap<>();
                boolean together = false;
                long deadline = System.nanoTime() + SWARM.toNanos();
                while (!t.completion().isDone()) {
                    if (System.nanoTime() > deadline || !lt.process().isAlive() || !rt.process().isAlive()) {
                        throw new AssertionError("no download: " + t.status() + ", peers " + t.peers()
                                + "\nlibtorrent:\n" + V2InteropTest.tail(lt.process().output())
                                + "\nrtorrent:\n" + V2InteropTest.tail(rpc.log()));
                    }
                    List<PeerInfo> peers = t.peers();
                    for (PeerInfo p : peers) {
                        downloaded.merge(p.address().getPort(), p.downloaded(), Math::max);
                    }
                    together |= peers.stream().anyMatch(p -> p.address().getPort() == lt.port())
                            && peers.stream().anyMatch(p -> p.address().getPort() == rt.port());
                    Thread.sleep(20);
                }
                t.completion().join();
                made.assertIntact(t.status().savePath());
                assertTrue(together, "libtorrent and rtorrent were never connected at once: " + downloaded);
                assertTrue(downloaded.getOrDefault(lt.port(), 0L) > 0, "nothing from libtorrent: " + downloaded);
                assertTrue(downloaded.getOrDefault(rt.port(), 0L) > 0, "nothing from rtorrent: " + downloaded
                        + "\nrtorrent:\n" + V2InteropTest.tail(rpc.log()));
                if (!withPieceLayers) {
                    while (!t.metainfo().orElseThrow().hasPieceLayers()) {
                        assertTrue(System.nanoTime() < deadline, "the piece layers never arrived from libtorrent");
                        Thread.sleep(20);
                    }
                    assertEquals(made.torrent().infoHash(), t.metainfo().orElseThrow().infoHash());
                }
            }
        }
    }

    @Test
    void transmissionThreeCannotOpenAHybridTorrent() throws IOException {
        Path torrentFile = makeHybrid();
        Path cli = RealPeers.require("transmission-cli", "transmission-cli");
        Path config = Files.createDirectories(dir.resolve("transmission-config"));
        try (PeerProcess p = PeerProcess.start("transmission-hybrid", dir, List.of(cli.toString(),
                "-p", Integer.toString(RealPeers.freePort()), "-w", dir.resolve("seed").toString(),
                "-g", config.toString(), "-M", "-U", "-D", torrentFile.toString()))) {
            int code = p.awaitExit(RUN);
            assertTrue(p.output().contains("Failed opening torrent file"),
                    "Transmission opened the hybrid torrent: make it the v1 seeder of a hybrid swarm test\n" + p.output());
            assertEquals(1, code, p.output());
        }
    }

    @Test
    void aria2HashesAHybridTorrentWithoutItsEmptyKeys() throws IOException {
        Path torrentFile = makeHybrid();
        Torrent torrent = Torrent.parse(Files.readAllBytes(torrentFile));
        Path aria2c = RealPeers.require("aria2c", "aria2");
        String shown = RealPeers.run(dir, RUN, aria2c.toString(), "--show-files=true", torrentFile.toString());
        Matcher m = Pattern.compile("Info Hash: ([0-9a-f]{40})").matcher(shown);
        assertTrue(m.find(), shown);
        String aria2Hash = m.group(1);
        String v1 = HexFormat.of().formatHex(torrent.infoHash().v1());
        assertNotEquals(v1, aria2Hash,
                "aria2 now computes the true v1 info-hash of a hybrid torrent: make it the v1 seeder of a hybrid swarm test");
        byte[] withoutEmptyKeys = BencodeEncoder.encode(withoutEmptyKeys(torrent.info()));
        assertEquals(HexFormat.of().formatHex(sha1(withoutEmptyKeys)), aria2Hash,
                "aria2's info-hash of a hybrid torrent is not the info dictionary without its empty keys");
    }

    // ------------------------------------------------------------------ helpers

    /**
     * About 24 MiB in a few files made into a hybrid torrent with 32 KiB pieces by libtorrent,
     * with its pad files written beside the data as zero-filled files, for a v1 client that
     * takes them for real files.
     */
    private V2InteropTest.Made makeSwarmPayload() throws IOException {
        Path data = Files.createDirectories(dir.resolve("seed"));
        Path root = Payloads.multiFile(data, "hybrid", 71);
        Payloads.file(root.resolve("big1.bin"), 9_000_001, 72);
        Payloads.file(root.resolve("sub/big2.bin"), 8_400_000, 73);
        Payloads.file(root.resolve("big3.bin"), 6_543_210, 74);
        Map<String, byte[]> sums = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sums.put(data.relativize(f).toString(), Payloads.sha256Of(f));
            }
        }
        Path torrentFile = dir.resolve("swarm.torrent");
        RealPeers.run(dir, RUN, RealPeers.PYTHON, RealPeers.pythonScript("lt_make_torrent.py").toString(),
                "--mode", "hybrid", "--piece-size", Integer.toString(32 * 1024), "--out", torrentFile.toString(),
                root.toString());
        Torrent torrent = Torrent.parse(Files.readAllBytes(torrentFile));
        assertEquals(TorrentVersion.HYBRID, torrent.version());
        int pads = 0;
        for (TorrentFile f : torrent.files()) {
            if (f.isPad()) {
                Path pad = data.resolve(String.join("/", f.path()));
                Files.createDirectories(pad.getParent());
                try (RandomAccessFile zeros = new RandomAccessFile(pad.toFile(), "rw")) {
                    zeros.setLength(f.length());
                }
                pads++;
            }
        }
        assertTrue(pads > 0, "libtorrent made a hybrid torrent without pad files: " + torrent.files());
        return new V2InteropTest.Made(data, torrentFile, torrent, sums);
    }

    /** Plaintext, about 6 MiB/s down, no DHT, LSD or PEX: only the peers we dial. */
    private Session swarmSession() {
        Settings settings = Settings.defaults().toBuilder().encryption(Encryption.PLAINTEXT)
                .downloadRateLimit(6L * 1024 * 1024).dht(false).lsd(false).pex(false).build();
        return Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(dir.resolve("downloads")).resumeDir(dir.resolve("resume")).settings(settings).build();
    }

    /** A small multi-file payload made into a hybrid torrent by libtorrent; returns the .torrent. */
    private Path makeHybrid() throws IOException {
        Path root = Payloads.multiFile(Files.createDirectories(dir.resolve("seed")), "hybrid", 51);
        Path torrentFile = dir.resolve("hybrid.torrent");
        RealPeers.run(dir, RUN, RealPeers.PYTHON, RealPeers.pythonScript("lt_make_torrent.py").toString(),
                "--mode", "hybrid", "--piece-size", Integer.toString(16 * 1024), "--out", torrentFile.toString(),
                root.toString());
        assertEquals(TorrentVersion.HYBRID, Torrent.parse(Files.readAllBytes(torrentFile)).version());
        return torrentFile;
    }

    /** {@code d} with every entry whose key is empty left out, in nested dictionaries too. */
    private static BDictionary withoutEmptyKeys(BDictionary d) {
        BDictionary.Builder b = BDictionary.builder();
        for (BDictionary.Entry e : d.entries()) {
            if (e.key().length() == 0) {
                continue;
            }
            BValue v = e.value();
            b.put(e.key().bytes(), v instanceof BDictionary inner ? withoutEmptyKeys(inner) : v);
        }
        return b.build();
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
