package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torrpedo rpc}, the real jar as a child process, driven through its stdin and stdout
 * only, as a frontend drives it: a download from an in-process seeder, the torrent table kept
 * from notifications and {@code sync.get}, pause, resume, removal with the data, and a clean
 * exit (the session closed, resume data written) when stdin closes or on {@code engine.shutdown}.
 */
class RpcJarIT {
    @TempDir
    Path dir;

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static long revision(Map<String, Object> m) {
        return ((Number) m.get("revision")).longValue();
    }

    @SuppressWarnings("unchecked")
    @Test
    void downloadPauseResumeCatchUpRemoveAndExitOnEndOfInput() throws Exception {
        Path downloads = dir.resolve("dl");
        try (RpcSeeder seeder = new RpcSeeder(dir);
             RpcChild engine = RpcChild.start(dir, "--port", "0", "--download-dir", "dl", "--no-dht", "--no-lsd")) {
            Map<String, Object> hello = engine.ok("engine.hello", params("client", "RpcJarIT"));
            assertEquals(1, hello.get("protocolVersion"));
            assertEquals(VersionProvider.version(), hello.get("engineVersion"));
            engine.ok("events.subscribe", params("progressIntervalMs", 100));

            Map<String, Object> added = engine.ok("torrent.add", params("torrent", seeder.base64(),
                    "peers", List.of(seeder.peer())));
            assertEquals(Map.of("id", seeder.id(), "name", RpcSeeder.NAME, "duplicate", false), added);
            engine.notification("torrent.added", p -> seeder.id().equals(p.get("id")));
            Map<String, Object> completed = engine.notification("torrent.completed", p -> seeder.id().equals(p.get("id")));
            seeder.assertDownloaded(downloads);
            assertTrue(engine.takeNotifications().stream().anyMatch(n -> "torrent.progress".equals(n.get("method"))),
                    "progress was reported while downloading");

            Map<String, Object> list = engine.ok("torrent.list", params());
            assertEquals(1, list.get("total"));
            Map<String, Object> row = ((List<Map<String, Object>>) list.get("torrents")).get(0);
            assertEquals(seeder.id(), row.get("id"));
            assertEquals("seeding", row.get("state"));
            assertEquals(1.0, ((Number) row.get("progress")).doubleValue());
            assertTrue(revision(list) >= revision(completed));

            engine.ok("torrent.pause", params("id", seeder.id()));
            Map<String, Object> paused = engine.notification("torrent.stateChanged",
                    p -> seeder.id().equals(p.get("id")) && "paused".equals(p.get("to")));
            engine.ok("torrent.resume", params("id", seeder.id()));
            engine.notification("torrent.stateChanged", p -> "seeding".equals(p.get("to")));

            // the frontend stops listening (say it was busy): what it misses, sync.get gives back
            long seen = revision(engine.ok("sync.get", params("sinceRevision", revision(paused))));
            engine.ok("events.unsubscribe", params());
            engine.takeNotifications();
            engine.ok("torrent.pause", params("id", seeder.id()));
            Map<String, Object> caughtUp = waitForState(engine, seen, seeder.id(), "paused");
            assertEquals(false, caughtUp.get("full"));
            assertTrue(engine.takeNotifications().isEmpty(), "unsubscribed: no notifications");

            // a path outside the allowed roots is refused, and the engine keeps serving
            engine.error(-32005, "torrent.move", params("id", seeder.id(), "savePath", dir.resolve("seed").toString()));
            assertEquals(Map.of(), engine.ok("torrent.remove", params("id", seeder.id(), "deleteData", true)));
            assertFalse(Files.exists(downloads.resolve(RpcSeeder.NAME)), "the data was deleted");
            Map<String, Object> gone = engine.ok("sync.get", params("sinceRevision", revision(caughtUp)));
            assertEquals(List.of(seeder.id()), gone.get("removed"));
            assertEquals(0, ((Map<String, Object>) engine.ok("torrent.list", params())).get("total"));

            // added again, paused: its resume data is written when the engine exits
            engine.ok("torrent.add", params("torrent", seeder.base64(), "paused", true, "savePath", "again"));
            engine.closeStdin();
            assertEquals(0, engine.awaitExit(), engine.stderr());
            assertTrue(Files.isRegularFile(downloads.resolve(".torrpedo/resume/" + seeder.id() + ".resume")),
                    "resume data written on the way out; stderr:\n" + engine.stderr());
            for (String line : engine.stdoutLines()) {
                assertEquals("2.0", RpcChild.map(line).get("jsonrpc"), "stdout carries protocol messages only: " + line);
            }
        }
    }

    /** Polls sync.get from {@code since} until the torrent shows {@code state}; returns that answer. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> waitForState(RpcChild engine, long since, String id, String state)
            throws InterruptedException {
        long deadline = System.nanoTime() + RpcChild.DEADLINE.toNanos();
        while (true) {
            Map<String, Object> sync = engine.ok("sync.get", params("sinceRevision", since));
            for (Map<String, Object> t : (List<Map<String, Object>>) sync.get("torrents")) {
                if (id.equals(t.get("id")) && state.equals(t.get("state"))) {
                    return sync;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sync.get never showed " + id + " " + state + ": " + sync);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void engineShutdownClosesTheSessionWhileStdinStaysOpen() throws Exception {
        try (RpcChild engine = RpcChild.start(dir, "--port", "0", "--download-dir", "dl", "--allowed-root", "dl",
                "--allowed-root", "media", "--encryption", "require", "--no-dht", "--no-lsd")) {
            Map<String, Object> settings = engine.ok("session.getSettings", params());
            assertEquals(List.of(dir.resolve("dl").toString(), dir.resolve("media").toString()),
                    settings.get("allowedRoots"));
            assertEquals("require", settings.get("encryption"));
            assertEquals(false, settings.get("dht"));
            assertEquals(false, settings.get("lsd"));
            assertEquals(Map.of(), engine.ok("engine.shutdown", params()));
            assertEquals(0, engine.awaitExit(), engine.stderr());
            assertFalse(engine.isAlive());
        }
    }

    @Test
    void aPortInUseIsOneLineOnStderrAndExitCodeOne() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            JarRun.Result r = JarRun.run(dir, "rpc", "--port", Integer.toString(taken.getLocalPort()),
                    "--download-dir", "dl");
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals("", r.stdout(), "stdout carries protocol messages only");
            assertTrue(r.stderr().contains("--port"), r.toString());
        }
    }
}
