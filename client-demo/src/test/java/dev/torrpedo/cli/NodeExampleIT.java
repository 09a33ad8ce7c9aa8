package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node.js example client ({@code rpc/examples/download.mjs}) downloads a torrent end to
 * end from an in-process seeder, spawning the real jar the way an Electron main process
 * would. Node is required: without it this test fails, it is never skipped.
 */
class NodeExampleIT {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    /** The repository root: where the {@code torrpedo} script is. */
    private static Path repository() {
        return Path.of(System.getProperty("torrpedo.script")).toAbsolutePath().normalize().getParent();
    }

    private static String nodeVersion() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "node --version did not finish");
            assertEquals(0, p.exitValue(), "node --version: " + out);
            return out;
        } catch (IOException e) {
            throw new AssertionError("node (Node.js 18 or later) must be on the PATH to run rpc/examples: " + e, e);
        }
    }

    @Test
    void theExampleClientDownloadsATorrentEndToEnd() throws Exception {
        String version = nodeVersion();
        Path script = repository().resolve("rpc/examples/download.mjs");
        assertTrue(Files.isRegularFile(script), script + " is missing");
        Path downloads = dir.resolve("downloads");
        try (RpcSeeder seeder = new RpcSeeder(dir)) {
            Path torrentFile = dir.resolve("payload.torrent");
            Files.write(torrentFile, seeder.torrentBytes());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path out = dir.resolve("node.stdout");
            Path err = dir.resolve("node.stderr");
            Process node = new ProcessBuilder(List.of("node", script.toString(), "--torrent", torrentFile.toString(),
                    "--dir", downloads.toString(), "--peer", seeder.peer(), "--java", java, "--jar",
                    JarRun.jar().toString(), "--timeout", Long.toString(TIMEOUT_SECONDS - 30)))
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    fail("the example did not finish within " + TIMEOUT_SECONDS + " s\n" + Files.readString(out)
                            + Files.readString(err));
                }
            } finally {
                node.destroyForcibly();
            }
            String stdout = Files.readString(out);
            String report = "node " + version + ", exit " + node.exitValue() + "\n--- stdout\n" + stdout
                    + "--- stderr\n" + Files.readString(err);
            // kept in the test's output file (failsafe redirects it), for a look at what a client sees
            System.out.println(report);
            assertEquals(0, node.exitValue(), report);
            assertTrue(stdout.contains("completed " + seeder.id()), report);
            assertTrue(stdout.contains("done: " + RpcSeeder.NAME), report);
            seeder.assertDownloaded(downloads);
        }
    }
}
