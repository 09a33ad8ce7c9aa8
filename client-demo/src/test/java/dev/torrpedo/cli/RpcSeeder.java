package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The other end of a download driven over {@code torrpedo rpc}: a payload of three files (one
 * in a subdirectory), its torrent, and an in-process session on loopback that seeds it,
 * uploading at a few MiB/s so that a download lasts long enough to be seen in progress.
 */
final class RpcSeeder implements AutoCloseable {
    static final String NAME = "payload";
    private static final long UPLOAD_RATE = 4L * 1024 * 1024;

    private final Map<String, byte[]> content = new LinkedHashMap<>();
    private final Torrent torrent;
    private final Session session;

    RpcSeeder(Path dir) throws IOException, InterruptedException {
        Path root = dir.resolve("seed").resolve(NAME);
        SplittableRandom random = new SplittableRandom(5);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("a.bin", 3_000_000);
        sizes.put("sub/b.bin", 700_001);
        sizes.put("c.txt", 3);
        for (Map.Entry<String, Integer> f : sizes.entrySet()) {
            byte[] b = new byte[f.getValue()];
            random.nextBytes(b);
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, b);
            content.put(NAME + "/" + f.getKey(), b);
        }
        torrent = TorrentCreator.builder(root).version(TorrentVersion.V1).pieceLength(64 * 1024).parallelism(1).build()
                .create();
        session = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(dir.resolve("seed")).networkThreads(1)
                .settings(Settings.defaults().toBuilder().uploadRateLimit(UPLOAD_RATE).build()).build();
        TorrentHandle t = session.add(AddTorrent.bytes(torrent.bytes())).join();
        try {
            t.completion().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            session.close();
            throw new AssertionError("the seeder did not find its data complete: " + t.status(), e);
        }
    }

    /** @return the torrent's id (info-hash hex) */
    String id() {
        return torrent.infoHash().id();
    }

    /** @return the .torrent bytes */
    byte[] torrentBytes() {
        return torrent.bytes();
    }

    /** @return the .torrent as base64, as {@code torrent.add} takes it */
    String base64() {
        return Base64.getEncoder().encodeToString(torrent.bytes());
    }

    /** @return where it listens, as {@code torrent.add} {@code peers} takes it */
    String peer() {
        return "127.0.0.1:" + session.listenPort();
    }

    /** Asserts that {@code saveDir} holds the payload, byte for byte. */
    void assertDownloaded(Path saveDir) throws IOException {
        for (Map.Entry<String, byte[]> f : content.entrySet()) {
            Path p = saveDir.resolve(f.getKey());
            assertTrue(Files.isRegularFile(p), p + " is missing");
            assertArrayEquals(f.getValue(), Files.readAllBytes(p), p + " differs");
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
