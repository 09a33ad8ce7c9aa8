package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPayloadTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedMakesTheSameBytesAndTheDigestIsTheirs() throws Exception {
        long size = DemoPayload.CHUNK * 2L + 12_345; // a last chunk that is not whole
        DemoPayload a = DemoPayload.generate(dir.resolve("a"), size, 42, () -> false);
        DemoPayload b = DemoPayload.generate(dir.resolve("b"), size, 42, () -> false);
        DemoPayload c = DemoPayload.generate(dir.resolve("c"), size, 43, () -> false);
        assertEquals(size, Files.size(a.file()));
        assertEquals(-1L, Files.mismatch(a.file(), b.file()));
        assertArrayEquals(a.sha256(), b.sha256());
        assertFalse(Arrays.equals(a.sha256(), c.sha256()));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(a.file()));
        assertArrayEquals(expected, a.sha256());
        assertArrayEquals(expected, DemoPayload.sha256Of(a.file()));
    }

    @Test
    void aStopEndsTheWritingBetweenChunks() {
        int[] asked = new int[1];
        assertThrows(InterruptedException.class, () -> DemoPayload.generate(dir.resolve("x"), 10L * DemoPayload.CHUNK, 1,
                () -> ++asked[0] > 2));
        assertEquals(3, asked[0]);
    }

    @Test
    void demoNamesAndTheResultLine() {
        assertEquals("256M", DemoCommand.sizeName(256L << 20));
        assertEquals("1G", DemoCommand.sizeName(1L << 30));
        assertEquals("1536K", DemoCommand.sizeName(1536L << 10));
        assertEquals("1000B", DemoCommand.sizeName(1000));
        assertEquals("downloaded 256.0 MiB in 2.00 s from 3 seeders: 128.0 MiB/s (1074 Mbit/s)",
                DemoCommand.result(256L << 20, Duration.ofSeconds(2), 3));
    }
}
