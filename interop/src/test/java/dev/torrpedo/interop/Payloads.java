package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/** Deterministic payload files for the interop tests. */
final class Payloads {
    private Payloads() {
    }

    /** Writes {@code size} pseudo-random bytes (from {@code seed}) to {@code file}. */
    static Path file(Path file, long size, long seed) {
        try {
            Files.createDirectories(file.getParent());
            SplittableRandom random = new SplittableRandom(seed);
            byte[] chunk = new byte[64 * 1024];
            try (var out = Files.newOutputStream(file)) {
                for (long left = size; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory {@code name} with a few files of uneven sizes, one of them nested. */
    static Path multiFile(Path parent, String name, long seed) {
        Path dir = parent.resolve(name);
        file(dir.resolve("a.bin"), 100_000, seed);
        file(dir.resolve("sub/b.bin"), 300_001, seed + 1);
        file(dir.resolve("sub/deeper/c.txt"), 17, seed + 2);
        file(dir.resolve("z.bin"), 65_536, seed + 3);
        return dir;
    }

    /** @return the SHA-256 of {@code f}'s content */
    static byte[] sha256Of(Path f) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts that every file of {@code sha256} (by path relative to {@code saveDir}) is there with that hash. */
    static void assertIntact(Map<String, byte[]> sha256, Path saveDir) {
        for (Map.Entry<String, byte[]> e : sha256.entrySet()) {
            Path f = saveDir.resolve(e.getKey());
            assertTrue(Files.exists(f), f + " is missing");
            assertArrayEquals(e.getValue(), sha256Of(f), f + " differs from the original");
        }
    }

    /** @return whether every file of {@code sha256} is in {@code saveDir} with that hash (for polling; never throws) */
    static boolean intactIn(Map<String, byte[]> sha256, Path saveDir) {
        for (Map.Entry<String, byte[]> e : sha256.entrySet()) {
            Path f = saveDir.resolve(e.getKey());
            try {
                if (!Files.exists(f) || !Arrays.equals(e.getValue(), sha256Of(f))) {
                    return false;
                }
            } catch (UncheckedIOException gone) {
                return false;
            }
        }
        return true;
    }
}
