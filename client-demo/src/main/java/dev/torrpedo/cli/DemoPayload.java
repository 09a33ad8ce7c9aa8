package dev.torrpedo.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The demo's data: one file of pseudo-random bytes from a seeded generator (the same seed,
 * the same file; random so that nothing compresses or deduplicates it), and its SHA-256,
 * taken while writing, to check the download against.
 *
 * @param file   where it is
 * @param size   its size in bytes
 * @param sha256 its SHA-256
 */
record DemoPayload(Path file, long size, byte[] sha256) {
    /** Bytes generated, hashed and written at a time. */
    static final int CHUNK = 1 << 20;

    /** @return a copy of the digest */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /**
     * Writes {@code size} bytes of {@code seed}'s stream into {@code file}.
     *
     * @param stopped asked between two chunks whether to give up
     * @throws InterruptedException when {@code stopped} says so (the file is left as it is)
     */
    static DemoPayload generate(Path file, long size, long seed, BooleanSupplier stopped)
            throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        MessageDigest sha = newSha256();
        byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(1, size))];
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < size) {
                if (stopped.getAsBoolean()) {
                    throw new InterruptedException();
                }
                int n = (int) Math.min(chunk.length, size - done);
                random.nextBytes(chunk);
                sha.update(chunk, 0, n);
                ByteBuffer buf = ByteBuffer.wrap(chunk, 0, n);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                done += n;
            }
        }
        return new DemoPayload(file, size, sha.digest());
    }

    /** @return the SHA-256 of {@code file}'s bytes */
    static byte[] sha256Of(Path file) throws IOException {
        MessageDigest sha = newSha256();
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buf.clear()) >= 0) {
                sha.update(buf.flip());
            }
        }
        return sha.digest();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java", e);
        }
    }
}
