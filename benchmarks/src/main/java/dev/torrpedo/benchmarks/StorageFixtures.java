package dev.torrpedo.benchmarks;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.WriteHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/** Torrents and helpers shared by the storage benchmarks. */
final class StorageFixtures {
    static final Executor DIRECT = Runnable::run;

    private StorageFixtures() {
    }

    /** Random bytes, the same for a seed. */
    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** A single-file v1 torrent over {@code data}. */
    static Torrent v1(byte[] data, int pieceLength) throws Exception {
        int n = (data.length + pieceLength - 1) / pieceLength;
        byte[] hashes = new byte[n * 20];
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (int p = 0; p < n; p++) {
            sha1.update(data, p * pieceLength, Math.min(pieceLength, data.length - p * pieceLength));
            sha1.digest(hashes, p * 20, 20);
        }
        BDictionary info = BDictionary.builder().put("name", "bench.bin").put("piece length", pieceLength)
                .put("pieces", hashes).put("length", data.length).build();
        return Torrent.parse(BencodeEncoder.encode(BDictionary.builder().put("info", info).build()));
    }

    /** A single-file v2 torrent over {@code data}, made by TorrentCreator from a temporary file. */
    static Torrent v2(byte[] data, int pieceLength) throws Exception {
        Path dir = Files.createTempDirectory("torrpedo-v2-bench");
        try {
            Path f = Files.write(dir.resolve("bench.bin"), data);
            return TorrentCreator.builder(f).version(TorrentVersion.V2).pieceLength(pieceLength).build().create();
        } finally {
            deleteTree(dir);
        }
    }

    /** Writes {@code data} as a file of {@code size} bytes of random content (1 MiB at a time). */
    static void writeRandomFile(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1 << 20];
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** Writes every piece of {@code data} in 16 KiB blocks, in order, and verifies each; waits for all. */
    static void download(Storage s, Torrent t, byte[] data) {
        int blocks = 0;
        for (int p = 0; p < t.pieceCount(); p++) {
            blocks += (t.pieceSize(p) + Storage.BLOCK_SIZE - 1) / Storage.BLOCK_SIZE;
        }
        CountDownLatch written = new CountDownLatch(blocks);
        WriteHandler handler = new WriteHandler() {
            @Override
            public void written(int piece, int offset, int length, StorageException error) {
                if (error != null) {
                    throw new IllegalStateException(error);
                }
                written.countDown();
            }

            @Override
            public void drained() {
            }
        };
        CompletableFuture<?>[] verdicts = new CompletableFuture<?>[t.pieceCount()];
        for (int p = 0; p < t.pieceCount(); p++) {
            long base = (long) p * t.pieceLength();
            for (int off = 0; off < t.pieceSize(p); off += Storage.BLOCK_SIZE) {
                int len = Math.min(Storage.BLOCK_SIZE, t.pieceSize(p) - off);
                s.write(p, off, ByteBuffer.wrap(data, (int) (base + off), len).slice(), () -> { }, DIRECT, handler);
            }
            verdicts[p] = verify(s, p);
        }
        CompletableFuture.allOf(verdicts).join();
        try {
            written.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return completes when the piece passed; fails if it did not */
    static CompletableFuture<Void> verify(Storage s, int piece) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        s.verify(piece, DIRECT, (p, passed, error) -> {
            if (passed) {
                f.complete(null);
            } else {
                f.completeExceptionally(error != null ? error : new IllegalStateException("piece " + p + " failed"));
            }
        });
        return f;
    }
}
