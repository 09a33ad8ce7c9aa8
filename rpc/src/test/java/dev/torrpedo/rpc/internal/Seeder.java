package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Session;
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
 * A payload of three files (one in a subdirectory), its v1 torrent, and a session on loopback
 * that seeds it: the other end of a download driven over JSON-RPC.
 */
final class Seeder implements AutoCloseable {
    static final String NAME = "payload";
    private static final Map<String, Integer> FILES = new LinkedHashMap<>();

    static {
        FILES.put("a.bin", 300_000);
        FILES.put("sub/b.bin", 70_001);
        FILES.put("c.txt", 3);
    }

    /**
     * The files and their torrent, not seeded.
     *
     * @param torrent the v1 torrent of the payload
     * @param content each file's bytes by its path under a save path
     */
    record Payload(Torrent torrent, Map<String, byte[]> content) {
        /** The .torrent as base64, as {@code torrent.add} takes it. */
        String base64() {
            return Base64.getEncoder().encodeToString(torrent.bytes());
        }
    }

    private final Payload payload;
    private final Session session;

    /** Writes the payload under {@code dir/seed}, makes its torrent, and seeds it from a new session. */
    Seeder(Path dir) throws IOException, InterruptedException {
        payload = payload(dir.resolve("seed"));
        session = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(dir.resolve("seed")).networkThreads(1).build();
        TorrentHandle t = session.add(AddTorrent.bytes(payload.torrent().bytes())).join();
        try {
            t.completion().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the seeder did not find its data complete: " + t.status(), e);
        }
    }

    /** Writes the payload's files under {@code saveDir} and makes their torrent. */
    static Payload payload(Path saveDir) throws IOException, InterruptedException {
        Path root = saveDir.resolve(NAME);
        SplittableRandom random = new SplittableRandom(11);
        Map<String, byte[]> content = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> f : FILES.entrySet()) {
            byte[] b = new byte[f.getValue()];
            random.nextBytes(b);
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, b);
            content.put(NAME + "/" + f.getKey(), b);
        }
        Torrent torrent = TorrentCreator.builder(root).version(TorrentVersion.V1).pieceLength(32 * 1024).parallelism(1)
                .build().create();
        return new Payload(torrent, content);
    }

    /** The torrent. */
    Torrent torrent() {
        return payload.torrent();
    }

    /** Its id (info-hash hex). */
    String id() {
        return payload.torrent().infoHash().id();
    }

    /** The .torrent as base64, as {@code torrent.add} takes it. */
    String base64() {
        return payload.base64();
    }

    /** Where the seeder listens, as {@code torrent.add} {@code peers} takes it. */
    String peer() {
        return "127.0.0.1:" + session.listenPort();
    }

    /** Asserts that {@code saveDir} holds the payload, byte for byte. */
    void assertDownloaded(Path saveDir) throws IOException {
        for (Map.Entry<String, byte[]> f : payload.content().entrySet()) {
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
