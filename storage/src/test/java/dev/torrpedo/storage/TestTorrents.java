package dev.torrpedo.storage;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.metainfo.FileSlice;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Torrents for tests, with their content: the piece space's bytes, pad bytes zero. */
public final class TestTorrents {
    private TestTorrents() {
    }

    /** A torrent and every byte of its piece space. */
    public record Fixture(Torrent torrent, byte[] space) {
        /** @return a copy of piece {@code p}'s bytes */
        public byte[] piece(int p) {
            int off = p * torrent.pieceLength();
            byte[] out = new byte[torrent.pieceSize(p)];
            System.arraycopy(space, off, out, 0, out.length);
            return out;
        }

        /** @return the bytes file {@code i} should hold */
        public byte[] file(int i) {
            TorrentFile f = torrent.files().get(i);
            byte[] out = new byte[(int) f.length()];
            System.arraycopy(space, (int) f.offset(), out, 0, out.length);
            return out;
        }
    }

    /** A file of a v1 torrent built by {@link #v1}: its path under the torrent's name, its length, whether it is a pad file. */
    public record Spec(String path, int length, boolean pad) {
        public static Spec file(String path, int length) {
            return new Spec(path, length, false);
        }

        public static Spec pad(int length) {
            return new Spec(".pad/" + length, length, true);
        }
    }

    /**
     * A multi-file v1 torrent named {@code name} with these files (pad files as BEP 47), random
     * content from {@code seed}.
     */
    public static Fixture v1(String name, int pieceLength, long seed, Spec... specs) {
        long total = 0;
        for (Spec s : specs) {
            total += s.length();
        }
        byte[] space = new byte[Math.toIntExact(total)];
        SplittableRandom rnd = new SplittableRandom(seed);
        int off = 0;
        List<BValue> files = new ArrayList<>();
        for (Spec s : specs) {
            if (!s.pad()) {
                for (int i = 0; i < s.length(); i++) {
                    space[off + i] = (byte) rnd.nextInt(256);
                }
            }
            off += s.length();
            List<BValue> path = new ArrayList<>();
            for (String c : s.path().split("/")) {
                path.add(BString.of(c));
            }
            BDictionary.Builder f = BDictionary.builder().put("length", s.length()).put("path", BList.of(path));
            if (s.pad()) {
                f.put("attr", "p");
            }
            files.add(f.build());
        }
        BDictionary info = BDictionary.builder()
                .put("name", name)
                .put("piece length", pieceLength)
                .put("pieces", pieceHashes(space, pieceLength))
                .put("files", BList.of(files))
                .build();
        byte[] bytes = BencodeEncoder.encode(BDictionary.builder().put("info", info).build());
        return new Fixture(Torrent.parse(bytes), space);
    }

    /** A single-file v1 torrent. */
    public static Fixture v1Single(String name, int length, int pieceLength, long seed) {
        byte[] space = new byte[length];
        new SplittableRandom(seed).nextBytes(space);
        BDictionary info = BDictionary.builder()
                .put("name", name)
                .put("piece length", pieceLength)
                .put("pieces", pieceHashes(space, pieceLength))
                .put("length", length)
                .build();
        byte[] bytes = BencodeEncoder.encode(BDictionary.builder().put("info", info).build());
        return new Fixture(Torrent.parse(bytes), space);
    }

    private static byte[] pieceHashes(byte[] space, int pieceLength) {
        int n = (space.length + pieceLength - 1) / pieceLength;
        byte[] out = new byte[n * 20];
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (int p = 0; p < n; p++) {
                sha1.update(space, p * pieceLength, Math.min(pieceLength, space.length - p * pieceLength));
                sha1.digest(out, p * 20, 20);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * Writes files of these sizes under {@code dir/name}, creates a torrent of {@code version}
     * with TorrentCreator, and reads its piece space back (pad bytes zero).
     */
    public static Fixture created(Path dir, String name, TorrentVersion version, int pieceLength, long seed,
            int... sizes) throws IOException, InterruptedException {
        Path root = dir.resolve(name);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < sizes.length; i++) {
            Path f = root.resolve(String.format("f%03d.bin", i));
            Files.createDirectories(f.getParent());
            byte[] b = new byte[sizes[i]];
            rnd.nextBytes(b);
            Files.write(f, b);
        }
        Torrent t = TorrentCreator.builder(root).version(version).pieceLength(pieceLength).parallelism(1).build().create();
        byte[] space = new byte[Math.toIntExact(t.totalSize())];
        for (int p = 0; p < t.pieceCount(); p++) {
            for (FileSlice s : t.fileTree().slices(p, 0, t.pieceSize(p))) {
                if (s.pad()) {
                    continue;
                }
                TorrentFile f = t.files().get(s.fileIndex());
                byte[] all = Files.readAllBytes(dir.resolve(String.join("/", f.safePath())));
                System.arraycopy(all, (int) s.fileOffset(), space, (int) (f.offset() + s.fileOffset()), (int) s.length());
            }
        }
        deleteTree(root);
        return new Fixture(t, space);
    }

    /** Deletes a directory tree (no symlinks followed). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(root)) {
            List<Path> all = new ArrayList<>(s.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }

    /** @return the bytes as a heap buffer */
    public static ByteBuffer buffer(byte[] b, int off, int len) {
        return ByteBuffer.wrap(b, off, len).slice();
    }

    /** @return whether the torrent has a pad file */
    public static boolean hasPad(Torrent t) {
        return t.files().stream().anyMatch(TorrentFile::isPad);
    }

    /** @return a v2 or hybrid torrent's version is as asked */
    public static boolean is(Torrent t, TorrentVersion v) {
        return t.version() == v;
    }
}
