package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Test data: random files (seeded, so reproducible), the torrent made from them, and each
 * file's SHA-256 to check a download against.
 *
 * @param name     the torrent's name (the file, or the top directory, under a save path)
 * @param torrent  the torrent
 * @param sha256   each file's SHA-256 by its path relative to a save path
 */
record Payload(String name, Torrent torrent, Map<String, byte[]> sha256) {

    /** A single file of {@code size} bytes at {@code dir/name}. */
    static Payload single(Path dir, String name, long size, int pieceLength, long seed, List<String> trackers) {
        return make(dir, name, new long[] {size}, pieceLength, seed, trackers, false);
    }

    /** A directory {@code dir/name} with one file per size. */
    static Payload multi(Path dir, String name, long[] sizes, int pieceLength, long seed, List<String> trackers) {
        return make(dir, name, sizes, pieceLength, seed, trackers, true);
    }

    /** A directory {@code dir/name} with one file per size (or one file at {@code dir/name}), of a torrent version. */
    static Payload of(TorrentVersion version, Path dir, String name, long[] sizes, int pieceLength, long seed,
                      List<String> trackers, boolean multi) {
        return make(dir, name, sizes, pieceLength, seed, trackers, multi, version);
    }

    private static Payload make(Path dir, String name, long[] sizes, int pieceLength, long seed, List<String> trackers,
                                boolean multi) {
        return make(dir, name, sizes, pieceLength, seed, trackers, multi, TorrentVersion.V1);
    }

    private static Payload make(Path dir, String name, long[] sizes, int pieceLength, long seed, List<String> trackers,
                                boolean multi, TorrentVersion version) {
        try {
            Path root = dir.resolve(name);
            Map<String, byte[]> sums = new LinkedHashMap<>();
            SplittableRandom random = new SplittableRandom(seed);
            if (multi) {
                for (int i = 0; i < sizes.length; i++) {
                    String rel = name + "/" + (i % 2 == 0 ? "" : "sub/") + "file" + i + ".bin";
                    sums.put(rel, write(dir.resolve(rel), sizes[i], random));
                }
            } else {
                sums.put(name, write(root, sizes[0], random));
            }
            TorrentCreator.Builder b = TorrentCreator.builder(root).version(version).pieceLength(pieceLength)
                    .parallelism(1);
            for (String t : trackers) {
                b.tracker(t);
            }
            return new Payload(name, b.build().create(), sums);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] write(Path file, long size, SplittableRandom random) throws IOException {
        Files.createDirectories(file.getParent());
        MessageDigest sha = newSha256();
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = size;
            while (left > 0) {
                int n = (int) Math.min(buf.length, left);
                random.nextBytes(buf);
                out.write(buf, 0, n);
                sha.update(buf, 0, n);
                left -= n;
            }
        }
        return sha.digest();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** @return the SHA-256 of a file */
    static byte[] sha256Of(Path file) {
        MessageDigest sha = newSha256();
        byte[] buf = new byte[256 * 1024];
        try (var in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sha.digest();
    }

    /** @return the info-hash */
    InfoHash infoHash() {
        return torrent.infoHash();
    }

    /** @return the .torrent bytes */
    byte[] bytes() {
        return torrent.bytes();
    }

    /** @return the total payload size */
    long size() {
        return torrent.payloadSize();
    }

    /** Copies the payload's files from {@code from} to {@code to} (both save paths). */
    void copy(Path from, Path to) {
        try {
            for (String rel : sha256.keySet()) {
                Files.createDirectories(to.resolve(rel).getParent());
                Files.copy(from.resolve(rel), to.resolve(rel));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flips the first byte of each piece {@code damage} accepts, in the files under {@code saveDir}. */
    void damage(Path saveDir, java.util.function.IntPredicate damage) {
        try {
            for (int piece = 0; piece < torrent.pieceCount(); piece++) {
                if (!damage.test(piece)) {
                    continue;
                }
                dev.torrpedo.metainfo.FileSlice slice = torrent.fileTree().slices(piece, 0, 1).get(0);
                Path f = saveDir.resolve(String.join("/", torrent.files().get(slice.fileIndex()).safePath()));
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
                        java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
                    ch.read(b, slice.fileOffset());
                    b.put(0, (byte) ~b.get(0)).rewind();
                    ch.write(b, slice.fileOffset());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that every file under {@code saveDir} has its original SHA-256. */
    void assertIntact(Path saveDir) {
        for (Map.Entry<String, byte[]> e : sha256.entrySet()) {
            Path f = saveDir.resolve(e.getKey());
            assertTrue(Files.exists(f), f + " is missing");
            assertArrayEquals(e.getValue(), sha256Of(f), f + ": SHA-256 differs from the original");
        }
    }
}
