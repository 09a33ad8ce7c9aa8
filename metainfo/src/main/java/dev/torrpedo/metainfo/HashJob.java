package dev.torrpedo.metainfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;

/**
 * Hashes a run of pieces for {@link TorrentCreator} and writes the hashes into arrays the
 * creator owns (each job its own disjoint part). Returns the number of file bytes it read.
 *
 * <p>A v1 job hashes global pieces across file boundaries. A v2/hybrid job hashes pieces of
 * one file (every file starts on a piece boundary): SHA-256 per 16 KiB block, the merkle
 * root per piece, and for a hybrid also SHA-1 per piece over the data followed by its pad
 * zeros.
 */
final class HashJob implements Callable<Long> {
    private static final int MAX_BUFFER = 1024 * 1024;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final CreatorLayout layout;
    private final TorrentVersion version;
    private final int entry;
    private final int first;
    private final int end;
    private final byte[] v1Hashes;
    private final byte[][] layers;
    private final Queue<byte[]> buffers;

    /**
     * @param entry    the file for a v2/hybrid job, -1 for a v1 job
     * @param first    the first piece: global for v1, within the file for v2/hybrid
     * @param end      one past the last piece
     * @param v1Hashes 20 bytes per global piece, or {@code null} for v2
     * @param layers   per file, 32 bytes per piece of the file, or {@code null} for v1
     * @param buffers  read buffers shared by the jobs of one creation: at most one per job in
     *                 flight is ever allocated
     */
    HashJob(CreatorLayout layout, TorrentVersion version, int entry, int first, int end, byte[] v1Hashes,
            byte[][] layers, Queue<byte[]> buffers) {
        this.layout = layout;
        this.version = version;
        this.entry = entry;
        this.first = first;
        this.end = end;
        this.v1Hashes = v1Hashes;
        this.layers = layers;
        this.buffers = buffers;
    }

    @Override
    public Long call() throws IOException, InterruptedException {
        byte[] buf = buffers.poll();
        if (buf == null) {
            buf = new byte[Math.min(layout.pieceLength, MAX_BUFFER)];
        }
        try {
            return entry < 0 ? hashV1(buf) : hashFile(buf);
        } finally {
            buffers.offer(buf);
        }
    }

    private long hashV1(byte[] buf) throws IOException, InterruptedException {
        MessageDigest sha1 = digest("SHA-1");
        int pl = layout.pieceLength;
        List<CreatorLayout.Entry> entries = layout.entries;
        long pos = (long) first * pl;
        int k = 0;
        while (k < entries.size() - 1 && entries.get(k).offset() + entries.get(k).length() <= pos) {
            k++;
        }
        long read = 0;
        FileChannel ch = null;
        int open = -1;
        try {
            for (int p = first; p < end; p++) {
                checkInterrupt();
                long remaining = Math.min(pl, layout.spaceSize - (long) p * pl);
                while (remaining > 0) {
                    CreatorLayout.Entry e = entries.get(k);
                    long inFile = pos - e.offset();
                    if (inFile >= e.length()) {
                        k++;
                        continue;
                    }
                    if (open != k) {
                        if (ch != null) {
                            ch.close();
                        }
                        ch = FileChannel.open(e.file(), StandardOpenOption.READ);
                        open = k;
                    }
                    int n = (int) Math.min(Math.min(remaining, e.length() - inFile), buf.length);
                    readFully(ch, e, buf, n, inFile);
                    sha1.update(buf, 0, n);
                    pos += n;
                    remaining -= n;
                    read += n;
                }
                digestInto(sha1, v1Hashes, p * InfoHash.V1_LENGTH, InfoHash.V1_LENGTH);
            }
        } finally {
            if (ch != null) {
                ch.close();
            }
        }
        return read;
    }

    private long hashFile(byte[] buf) throws IOException, InterruptedException {
        CreatorLayout.Entry e = layout.entries.get(entry);
        int pl = layout.pieceLength;
        boolean hybrid = version == TorrentVersion.HYBRID;
        MessageDigest sha1 = hybrid ? digest("SHA-1") : null;
        MessageDigest sha256 = digest("SHA-256");
        int leafCount = Merkle.pieceLeafCount(e.length(), pl);
        byte[] leaves = new byte[(int) ((Math.min(e.length(), pl) + Merkle.BLOCK_SIZE - 1) / Merkle.BLOCK_SIZE)
                * Merkle.HASH_SIZE];
        byte[] pad0 = new byte[Merkle.HASH_SIZE];
        long read = 0;
        try (FileChannel ch = FileChannel.open(e.file(), StandardOpenOption.READ)) {
            for (int local = first; local < end; local++) {
                checkInterrupt();
                long inFile = (long) local * pl;
                int dataLen = (int) Math.min(pl, e.length() - inFile);
                int blocks = 0;
                for (int done = 0; done < dataLen; ) {
                    int n = Math.min(buf.length, dataLen - done);
                    readFully(ch, e, buf, n, inFile + done);
                    if (hybrid) {
                        sha1.update(buf, 0, n);
                    }
                    for (int b = 0; b < n; b += Merkle.BLOCK_SIZE) {
                        sha256.update(buf, b, Math.min(Merkle.BLOCK_SIZE, n - b));
                        Merkle.digestInto(sha256, leaves, blocks++ * Merkle.HASH_SIZE);
                    }
                    done += n;
                    read += n;
                }
                byte[] root = Merkle.root(leaves, 0, blocks, leafCount, pad0, sha256);
                System.arraycopy(root, 0, layers[entry], local * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
                if (hybrid) {
                    long global = e.offset() / pl + local;
                    long pieceSize = Math.min(pl, layout.spaceSize - global * pl);
                    for (long z = pieceSize - dataLen; z > 0; z -= ZEROS.length) {
                        sha1.update(ZEROS, 0, (int) Math.min(z, ZEROS.length));
                    }
                    digestInto(sha1, v1Hashes, (int) global * InfoHash.V1_LENGTH, InfoHash.V1_LENGTH);
                }
            }
        }
        return read;
    }

    private static void readFully(FileChannel ch, CreatorLayout.Entry e, byte[] buf, int n, long position)
            throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        long pos = position;
        while (bb.hasRemaining()) {
            int r = ch.read(bb, pos);
            if (r < 0) {
                throw new IOException(e.file() + " is shorter than the " + e.length() + " bytes it had when listed");
            }
            pos += r;
        }
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("hashing cancelled");
        }
    }

    private static void digestInto(MessageDigest md, byte[] out, int off, int len) {
        try {
            md.digest(out, off, len);
        } catch (java.security.DigestException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(algorithm + " is part of every JDK", ex);
        }
    }
}
