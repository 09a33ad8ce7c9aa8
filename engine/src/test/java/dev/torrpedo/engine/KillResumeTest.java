package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM downloading is killed with {@code kill -9} three times at random moments; the
 * fourth run completes. Each restart must find at least what the resume data had recorded
 * before the kill, and the last run downloads no more than the pieces still missing then.
 */
class KillResumeTest {
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesTheDownloadResumesAndCompletes() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            int pieceLength = 64 * 1024;
            Payload p = Payload.single(swarm.dir("seeder"), "killed.bin", 16L * 1024 * 1024, pieceLength, 31, List.of());
            int pieces = p.torrent().pieceCount();
            Session seeder = swarm.session("seeder", Swarm.settings().encryption(Encryption.PLAINTEXT)
                    .uploadRateLimit(4 * 1024 * 1024).build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            Path torrent = dir.resolve("killed.torrent");
            Files.write(torrent, p.bytes());
            Path downloads = dir.resolve("child");
            Random random = new Random(20261125);
            int savedBeforeKill = 0;
            List<String> runs = new ArrayList<>();
            for (int run = 0; run <= KILLS; run++) {
                boolean last = run == KILLS;
                Process child = new ProcessBuilder(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                        System.getProperty("java.class.path"), KillResumeChild.class.getName(), torrent.toString(),
                        downloads.toString(), Integer.toString(seeder.listenPort()))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                int checked = -1;
                int saved = 0;
                int progress = 0;
                long done = -1;
                int killAt = -1;
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        String[] f = line.split(" ");
                        if (f[0].equals("CHECKED")) {
                            checked = Integer.parseInt(f[1]);
                            assertTrue(checked >= savedBeforeKill, "run " + run + " found " + checked
                                    + " pieces, fewer than the " + savedBeforeKill + " its resume data had recorded");
                            // kill somewhere in the next 10..40 % of what is missing
                            int missing = pieces - checked;
                            killAt = checked + Math.max(1, missing * (10 + random.nextInt(31)) / 100);
                        } else if (f[0].equals("SAVED")) {
                            saved = Math.max(saved, Integer.parseInt(f[1]));
                        } else if (f[0].equals("PROGRESS")) {
                            progress = Integer.parseInt(f[1]);
                            if (!last && killAt >= 0 && progress >= killAt) {
                                kill9(child);
                                break;
                            }
                        } else if (f[0].equals("DONE")) {
                            done = Long.parseLong(f[1]);
                        }
                    }
                }
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "run " + run + " ended");
                runs.add("run " + run + ": checked " + checked + ", saved " + saved + ", progress " + progress
                        + (last ? ", downloaded " + done : ", killed at " + killAt));
                if (!last) {
                    assertTrue(progress < pieces, "run " + run + " was killed before it completed: " + runs);
                    savedBeforeKill = saved;
                } else {
                    assertEquals(0, child.exitValue(), runs.toString());
                    assertTrue(done >= 0, "the last run completed: " + runs);
                    assertTrue(done <= (long) (pieces - checked) * pieceLength,
                            "the last run downloaded " + done + " bytes, more than the " + (pieces - checked)
                                    + " pieces missing when it started: " + runs);
                }
            }
            p.assertIntact(downloads);
            assertNotNull(runs);
            System.out.println(String.join("\n", runs));
        }
    }

    private static void kill9(Process p) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            p.destroyForcibly(); // SIGKILL as well, where there is no kill command
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
