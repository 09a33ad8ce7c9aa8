package dev.torrpedo.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.TestTorrents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a child JVM ({@link CrashChild}) downloads into the same
 * directory 20 times, and is killed each time: after a random number of pieces, right as it
 * starts saving resume data, or between forcing the new resume file and renaming it. After
 * every kill the resume file, if there is one, must parse (old or new, never torn) and every
 * piece it records as verified must hash correctly from the files on disk.
 */
class CrashTest {
    private static final int RUNS = 20;

    @TempDir
    Path dir;

    @Test
    void resumeDataNeverClaimsMoreThanIsOnDisk() throws Exception {
        TestTorrents.Fixture fx = CrashChild.fixture();
        Torrent t = fx.torrent();
        Path data = dir.resolve("data");
        Path resume = dir.resolve("crash.resume");
        Random rnd = new Random(20261125);
        int lastVerified = 0;
        List<String> kills = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            String how = run % 4 == 1 ? "rename" : run % 4 == 3 ? "save" : "pieces";
            int afterPieces = 1 + rnd.nextInt(24);
            Process child = new ProcessBuilder(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), CrashChild.class.getName(), data.toString(), resume.toString(),
                    Long.toString(rnd.nextLong()), how.equals("rename") ? "hang" : "run")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String killedAt = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                int pieces = 0;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("READY")) {
                        int ready = Integer.parseInt(line.substring(6));
                        assertTrue(ready >= lastVerified, "run " + run + ": " + ready + " verified at start, fewer than "
                                + lastVerified + " recorded before");
                    } else if (line.startsWith("PIECE")) {
                        pieces++;
                    }
                    boolean kill = line.equals("DONE")
                            || how.equals("pieces") && pieces >= afterPieces
                            || how.equals("save") && line.equals("SAVE") && pieces >= afterPieces / 3
                            || how.equals("rename") && line.equals("RENAME");
                    if (kill) {
                        killedAt = line;
                        kill9(child);
                        break;
                    }
                }
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child ended");
            assertTrue(killedAt != null, "run " + run + ": the child exited by itself (" + child.exitValue() + ")");
            kills.add(how + "@" + killedAt);
            lastVerified = checkResumeData(t, data, resume, run);
            System.out.println("run " + run + ": killed " + how + " at " + killedAt + ", resume data records "
                    + lastVerified + " verified pieces");
        }
        assertTrue(kills.stream().filter(k -> k.equals("rename@RENAME")).count() >= 4, "killed between force and rename: "
                + kills);
        assertTrue(lastVerified > 0, "progress was made and recorded: " + kills);
    }

    /** @return how many pieces the resume file records as verified, each checked against the files */
    private static int checkResumeData(Torrent t, Path data, Path resume, int run) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(resume);
        } catch (NoSuchFileException e) {
            return 0; // killed before the first save
        }
        BitSet verified;
        try {
            verified = ResumeDataCodec.parse(bytes, new ResumeDataCodec.Geometry(t.infoHash().id(), t.pieceLength(),
                    t.pieceCount(), t.files().size())).verified();
        } catch (ResumeDataException e) {
            throw new AssertionError("run " + run + ": the resume file is torn: " + e.getMessage(), e);
        }
        Path file = data.resolve("crash.bin");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int p = verified.nextSetBit(0); p >= 0; p = verified.nextSetBit(p + 1)) {
                ByteBuffer b = ByteBuffer.allocate(t.pieceSize(p));
                long at = (long) p * t.pieceLength();
                while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                    // read on
                }
                assertEquals(t.pieceSize(p), b.position(), "run " + run + ": piece " + p + " is on disk in full");
                assertTrue(t.verifyPiece(p, b.flip()), "run " + run + ": piece " + p + " recorded verified hashes wrong");
            }
        }
        return verified.cardinality();
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
