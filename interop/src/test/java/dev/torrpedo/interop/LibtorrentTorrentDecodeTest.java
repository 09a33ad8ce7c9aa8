package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Torrents made by python3-libtorrent decode with our decoder, and the info hashes agree. */
class LibtorrentTorrentDecodeTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"v1, single", "v1, multi", "hybrid, single", "hybrid, multi", "v2, single", "v2, multi"})
    void infoHashOfTheRawInfoSpanEqualsLibtorrents(String mode, String layout) throws Exception {
        Path payload = layout.equals("single")
                ? Payloads.file(dir.resolve("payload.bin"), 1_234_567, 1)
                : Payloads.multiFile(dir, "payload", 2);
        Path torrent = dir.resolve("payload.torrent");
        String json = RealPeers.run(dir, Duration.ofSeconds(60), RealPeers.PYTHON,
                RealPeers.pythonScript("lt_make_torrent.py").toString(),
                "--mode", mode, "--piece-size", "32768", "--out", torrent.toString(), payload.toString());
        BDictionary libtorrent = BencodeDecoder.strict().decode(jsonAsBencode(json)).asDictionary();

        byte[] bytes = Files.readAllBytes(torrent);
        BValue root = BencodeDecoder.lenient().decode(bytes);
        ByteBuffer info = root.asDictionary().getDictionary("info").raw();

        String v1 = hex("SHA-1", info.duplicate());
        String v2 = hex("SHA-256", info.duplicate());
        if (mode.equals("v2")) {
            assertNull(libtorrent.get("v1"));
        } else {
            assertEquals(libtorrent.getUtf8("v1"), v1);
        }
        if (mode.equals("v1")) {
            assertNull(libtorrent.get("v2"));
        } else {
            assertNotNull(libtorrent.get("v2"));
            assertEquals(libtorrent.getUtf8("v2"), v2);
        }
        // libtorrent writes canonical bencode: the strict decoder takes it, and it re-encodes byte for byte
        assertArrayEquals(bytes, BencodeEncoder.encode(BencodeDecoder.strict().decode(bytes)));
    }

    private static String hex(String algorithm, ByteBuffer bytes) throws Exception {
        MessageDigest md = MessageDigest.getInstance(algorithm);
        md.update(bytes);
        return HexFormat.of().formatHex(md.digest());
    }

    /** The script's one-line JSON, turned into bencode by a tiny converter for flat objects. */
    private static byte[] jsonAsBencode(String output) {
        String line = output.lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON in: " + output));
        return FlatJson.toBencode(line);
    }
}
