package dev.torrpedo.storage.internal;

import dev.torrpedo.metainfo.Merkle;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hashes one piece from bytes fed in order, in any split, and checks the result against
 * every hash the torrent has for it: SHA-1 over the whole piece (v1, hybrid) and the BEP 52
 * merkle root over the SHA-256 of each 16 KiB leaf of the piece's part of its file (v2,
 * hybrid; pad bytes after the file are not part of it). Not thread-safe: one thread at a
 * time (a piece's hash lane).
 */
final class PieceHasher {
    private static final byte[] ZERO_LEAF = new byte[Merkle.HASH_SIZE];

    private final Torrent torrent;
    private final int piece;
    private final int size;
    private final MessageDigest sha1;
    private final MessageDigest sha256;
    /** Bytes of the piece that belong to its v2 file (the leaves cover these only). */
    private final int v2Bytes;
    private final int leafCount;
    private final byte[] leaves;
    private int fed;

    /**
     * @throws StorageException {@link StorageError#NO_HASH} if a v2-only torrent lacks the
     *         piece layer this piece needs
     */
    PieceHasher(Torrent torrent, int piece) throws StorageException {
        this.torrent = torrent;
        this.piece = piece;
        this.size = torrent.pieceSize(piece);
        boolean v1 = torrent.version().hasV1();
        TorrentFile file = null;
        if (torrent.version().hasV2()) {
            long start = torrent.fileTree().pieceOffset(piece);
            TorrentFile f = torrent.files().get(torrent.fileTree().fileIndexAt(start));
            if (torrent.pieceLayer(f.index()).isPresent() && !f.isPad()) {
                file = f;
            } else if (!v1) {
                throw new StorageException(StorageError.NO_HASH, f.index(), null,
                        "piece " + piece + ": no piece layer yet for its file", null);
            }
        }
        this.sha1 = v1 ? digest("SHA-1") : null;
        if (file != null) {
            long start = torrent.fileTree().pieceOffset(piece);
            this.v2Bytes = (int) Math.min(size, file.endOffset() - start);
            this.leafCount = Merkle.pieceLeafCount(file.length(), torrent.pieceLength());
            this.leaves = new byte[(v2Bytes + Merkle.BLOCK_SIZE - 1) / Merkle.BLOCK_SIZE * Merkle.HASH_SIZE];
            this.sha256 = digest("SHA-256");
        } else {
            this.v2Bytes = 0;
            this.leafCount = 0;
            this.leaves = null;
            this.sha256 = null;
        }
    }

    /** @return bytes fed so far */
    int fed() {
        return fed;
    }

    /** @return the piece's size */
    int size() {
        return size;
    }

    /**
     * Feeds the rest of the piece from {@code backend}: its in-memory view if it has one,
     * else read in chunks through {@code buf} (whose contents are overwritten).
     */
    void feedFrom(Backend backend, ByteBuffer buf, Backend.ReadMode mode) throws StorageException {
        if (fed == size) {
            return;
        }
        ByteBuffer view = backend.view(piece);
        if (view != null) {
            update(view.position(fed));
            return;
        }
        while (fed < size) {
            buf.clear().limit(Math.min(buf.capacity(), size - fed));
            backend.read(piece, fed, buf, mode);
            buf.flip();
            update(buf);
        }
    }

    /** Feeds the next bytes of the piece (the buffer's remaining bytes; its position is left unchanged). */
    void update(ByteBuffer data) {
        int n = data.remaining();
        if (n > size - fed) {
            throw new IllegalArgumentException("piece " + piece + ": " + (fed + n) + " bytes fed (expected: <= " + size + ")");
        }
        if (sha1 != null) {
            sha1.update(data.duplicate());
        }
        if (sha256 != null && fed < v2Bytes) {
            ByteBuffer d = data.duplicate();
            int pos = fed;
            int end = Math.min(v2Bytes, fed + n);
            while (pos < end) {
                int leafEnd = Math.min(end, (pos / Merkle.BLOCK_SIZE + 1) * Merkle.BLOCK_SIZE);
                int take = leafEnd - pos;
                int lim = d.limit();
                d.limit(d.position() + take);
                sha256.update(d);
                d.limit(lim);
                pos = leafEnd;
                if (pos % Merkle.BLOCK_SIZE == 0 || pos == v2Bytes) {
                    try {
                        sha256.digest(leaves, (pos - 1) / Merkle.BLOCK_SIZE * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
                    } catch (DigestException e) {
                        throw new IllegalStateException("SHA-256 writes 32 bytes", e);
                    }
                }
            }
        }
        fed += n;
    }


    /**
     * @return whether the piece, fed in full, matches its hashes
     * @throws IllegalStateException if not all bytes were fed
     */
    boolean matches() {
        if (fed != size) {
            throw new IllegalStateException("piece " + piece + ": " + fed + " of " + size + " bytes fed");
        }
        if (sha1 != null && !MessageDigest.isEqual(sha1.digest(), torrent.pieceHash(piece))) {
            return false;
        }
        if (sha256 != null) {
            int n = leaves.length / Merkle.HASH_SIZE;
            List<byte[]> hashes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] h = new byte[Merkle.HASH_SIZE];
                System.arraycopy(leaves, i * Merkle.HASH_SIZE, h, 0, Merkle.HASH_SIZE);
                hashes.add(h);
            }
            byte[] root = Merkle.root(hashes, leafCount, ZERO_LEAF);
            return MessageDigest.isEqual(root, torrent.v2PieceHash(piece));
        }
        return true;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
