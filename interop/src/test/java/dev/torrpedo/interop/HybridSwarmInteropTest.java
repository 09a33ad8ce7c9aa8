package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why issue 8's "a hybrid torrent downloads from Transmission (v1 side) and libtorrent (v2
 * side) at once" has no swarm test yet: no v1-only client Debian 12 ships with the ones CI
 * installs can join a BEP 52 hybrid swarm. Both fail on the same thing: every file in a BEP 52
 * {@code file tree} sits under the dictionary key {@code ""}.
 * <ul>
 *   <li>transmission-cli 3.00 interns dictionary keys, and the empty string is its "no key
 *       yet" value, so its bencode parser reads the value after {@code 0:} as a key and fails:
 *       it refuses to open the torrent at all.</li>
 *   <li>aria2 1.36 drops entries with an empty key while decoding, then re-encodes the info
 *       dictionary to hash it: it computes another v1 info-hash, so its handshake (and ours to
 *       it) names a torrent the other side does not have.</li>
 * </ul>
 * These tests pin both facts down against the installed binaries. When one fails, that client
 * can open hybrid torrents: make it the v1 seeder of a swarm test beside libtorrent.
 */
class HybridSwarmInteropTest {
    private static final Duration RUN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

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
