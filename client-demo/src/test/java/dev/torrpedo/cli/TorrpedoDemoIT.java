package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code torrpedo demo}: the whole swarm on loopback in one child process, checked end to end. */
class TorrpedoDemoIT {
    private static final Pattern RESULT = Pattern.compile(
            "downloaded 64\\.0 MiB in \\d+\\.\\d\\d s from 3 seeders: [\\d.]+ (KiB|MiB|GiB)/s \\(\\d+ Mbit/s\\)");

    @TempDir
    Path dir;

    @Test
    void aSmallDemoVerifiesItsDownloadAndCleansUp() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        JarRun.Result r;
        try (JarRun run = JarRun.start(dir, Map.of(), JarRun.command(List.of("-Djava.io.tmpdir=" + tmp), "demo",
                "--size", "64M"))) {
            r = run.await(JarRun.TIMEOUT);
        }
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.stderr(), r.toString());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.get(0).startsWith("torrpedo demo: a tracker, 3 seeders and a downloader on 127.0.0.1"), r.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  verified  SHA-256 of the download matches the payload's: ")),
                r.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("seeding     100.0%  64.0 MiB/64.0 MiB")), r.toString());
        assertTrue(RESULT.matcher(lines.get(lines.size() - 1)).matches(), r.toString());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the demo left files behind");
        }
    }
}
