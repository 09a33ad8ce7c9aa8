package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code interop/scripts/cli-interop.sh}, the shell script that drives the {@code torrpedo}
 * command as a user would: {@code torrpedo download --peer} from a python3-libtorrent seeder,
 * and {@code torrpedo seed --peer} to an aria2c leecher, then Ctrl-C. The script checks the
 * files and the exit codes itself; this test checks that it passed, that it said so for each
 * part, and that it removed its temporary directory.
 */
class CliInteropTest {
    /** Each step of the script has this deadline; the whole run is bounded by {@link #RUN}. */
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration RUN = Duration.ofMinutes(5);
    /** The size of the payload the script makes (see make_payload there). */
    private static final long PAYLOAD = 3_000_000 + 1 + 777_777 + "hello from the interop script\n".length();

    @TempDir
    Path dir;

    @BeforeAll
    static void realPeersAreThere() {
        RealPeers.requireLibtorrent();
        RealPeers.require("aria2c", "aria2");
        RealPeers.require("timeout", "coreutils");
    }

    @Test
    void torrpedoDownloadsFromLibtorrentAndSeedsToAria2AsAShellScriptDrivesIt() throws IOException {
        Path script = Path.of(System.getProperty("torrpedo.interop.scripts"), "cli-interop.sh");
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        List<String> lines;
        try (PeerProcess run = PeerProcess.start("cli-interop", dir, List.of("env",
                "TORRPEDO_JAR=" + RealPeers.torrpedoJar(), "JAVA=" + RealPeers.java(), "PYTHON=" + RealPeers.PYTHON,
                "TMPDIR=" + tmp, "DEADLINE=" + STEP.toSeconds(), "bash", script.toString()))) {
            int code = run.awaitExit(RUN);
            String out = run.output();
            assertEquals(0, code, out);
            lines = out.lines().toList();
        }
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("ok: torrpedo download from python3-libtorrent: " + PAYLOAD + " bytes in \\d+ s"),
                lines.get(0));
        assertTrue(lines.get(1).matches("ok: torrpedo seed to aria2c: " + PAYLOAD
                + " bytes in \\d+ s, then Ctrl-C: exit 130"), lines.get(1));
        assertEquals("PASS", lines.get(2));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the script left its temporary directory behind");
        }
    }
}
