package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.Session;
import dev.torrpedo.rpc.RpcServer;
import dev.torrpedo.rpc.SessionRpc;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's methods over a real pipe, on a real session bound with {@link SessionRpc}: a
 * download from an in-process seeder on loopback, every torrent method, the errors each
 * names, and the session closed (resume data written) on shutdown.
 */
class EngineMethodsTest {
    @TempDir
    Path dir;
    private Path downloads;
    private PipeClient client;
    private int nextId = 100;

    @BeforeEach
    void start() throws Exception {
        downloads = dir.resolve("dl");
        Files.createDirectories(dir.resolve("media"));
        Session session = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(downloads).networkThreads(1).build();
        RpcServer server = SessionRpc.builder(session, downloads)
                .allowedRoots(List.of(downloads, dir.resolve("media"))).engineVersion("test").build();
        client = new PipeClient(server);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
    }

    private static String json(Object value) {
        return new String(new JsonWriter().valueBytes(value), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Calls a method and returns its result, failing on an error. */
    @SuppressWarnings("unchecked")
    private <T> T ok(String method, Map<String, Object> params) throws InterruptedException {
        Map<String, Object> r = client.call(nextId++, method, json(params));
        assertNull(r.get("error"), method + " failed: " + r);
        return (T) r.get("result");
    }

    /** Calls a method that must fail and returns its error. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> error(int code, String method, Map<String, Object> params) throws InterruptedException {
        Map<String, Object> r = client.call(nextId++, method, json(params));
        Map<String, Object> e = (Map<String, Object>) r.get("error");
        assertNotNull(e, method + " " + params + " should fail: " + r);
        assertEquals(code, e.get("code"), r.toString());
        return e;
    }

    private void assertParamError(String param, String method, Map<String, Object> params) throws InterruptedException {
        Map<String, Object> e = error(-32602, method, params);
        assertEquals(Map.of("param", param), e.get("data"), e.toString());
    }

    /** Polls torrent.get until {@code condition} holds for the status. */
    private Map<String, Object> awaitStatus(String id, String what, Predicate<Map<String, Object>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, Object> s = ok("torrent.get", params("id", id));
            if (condition.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": " + s);
            }
            Thread.sleep(20);
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void downloadFromASeederThenListPauseResumeAndRemoveWithItsData() throws Exception {
        try (Seeder seeder = new Seeder(dir)) {
            Map<String, Object> hello = ok("engine.hello", params());
            for (String m : List.of("session.getSettings", "session.setSettings", "session.stats", "metainfo.inspect",
                    "torrent.add", "torrent.list", "torrent.get", "torrent.files", "torrent.peers", "torrent.trackers",
                    "torrent.pause", "torrent.resume", "torrent.remove", "torrent.recheck", "torrent.reannounce",
                    "torrent.setFilePriorities", "torrent.setOptions", "torrent.move", "sync.get")) {
                assertTrue(((List<String>) hello.get("methods")).contains(m), m + " missing from " + hello);
            }
            assertTrue(((List<String>) hello.get("capabilities")).containsAll(List.of("progress", "sync", "sequential")));
            ok("events.subscribe", params("progressIntervalMs", 100));
            // 370 KB at 300 KB/s: the download spans several progress intervals however fast the engine is
            ok("session.setSettings", params("downloadRateLimit", 300_000));

            Map<String, Object> added = ok("torrent.add", params("torrent", seeder.base64(), "savePath", "in",
                    "peers", List.of(seeder.peer())));
            assertEquals(Map.of("id", seeder.id(), "name", Seeder.NAME, "duplicate", false), added);
            Map<String, Object> addedEvent = client.notification("torrent.added");
            assertEquals(seeder.id(), ((Map<String, Object>) addedEvent.get("params")).get("id"));
            client.notification("torrent.completed", p -> seeder.id().equals(p.get("id")));
            seeder.assertDownloaded(downloads.resolve("in"));
            assertTrue(client.takeNotifications().stream().anyMatch(n -> n.get("method").equals("torrent.progress")),
                    "progress was reported on the way");

            Map<String, Object> status = ok("torrent.get", params("id", seeder.id()));
            assertEquals(1.0, ((Number) status.get("progress")).doubleValue());
            assertEquals(downloads.resolve("in").toString(), status.get("savePath"));
            assertEquals(seeder.torrent().pieceCount(), status.get("piecesDone"));
            assertTrue(status.get("completedAt") instanceof Number);
            Map<String, Object> files = ok("torrent.files", params("id", seeder.id()));
            List<Map<String, Object>> fileList = (List<Map<String, Object>>) files.get("files");
            assertEquals(List.of("payload/a.bin", "payload/c.txt", "payload/sub/b.bin"),
                    fileList.stream().map(f -> f.get("path")).toList());
            for (Map<String, Object> f : fileList) {
                assertEquals(f.get("size"), f.get("completedBytes"));
            }
            assertEquals(Map.of("id", seeder.id(), "trackers", List.of()), ok("torrent.trackers",
                    params("id", seeder.id())));
            assertTrue(((Map<String, Object>) ok("torrent.peers", params("id", seeder.id()))).get("peers") instanceof List);

            // a second add is a duplicate, not an error, unless asked
            assertEquals(true, ((Map<String, Object>) ok("torrent.add", params("torrent", seeder.base64())))
                    .get("duplicate"));
            assertEquals(Map.of("id", seeder.id()), error(-32003, "torrent.add", params("torrent", seeder.base64(),
                    "failIfDuplicate", true)).get("data"));

            Map<String, Object> list = ok("torrent.list", params("fields", List.of("name", "state")));
            assertEquals(1, list.get("total"));
            assertEquals(List.of(Map.of("id", seeder.id(), "name", Seeder.NAME, "state", "seeding")), list.get("torrents"));

            ok("torrent.pause", params("id", seeder.id()));
            client.notification("torrent.stateChanged", p -> "paused".equals(p.get("to")));
            ok("torrent.resume", params("id", seeder.id()));
            client.notification("torrent.stateChanged", p -> "seeding".equals(p.get("to")));

            Map<String, Object> all = ok("sync.get", params("sinceRevision", 0));
            assertEquals(true, all.get("full"));
            Map<String, Object> row = ((List<Map<String, Object>>) all.get("torrents")).get(0);
            assertEquals("seeding", row.get("state"));
            assertTrue(row.keySet().containsAll(List.of("id", "name", "progress", "etaMs", "addedAt", "revision")));

            assertEquals(Map.of(), ok("torrent.remove", params("id", seeder.id(), "deleteData", true)));
            assertFalse(Files.exists(downloads.resolve("in").resolve(Seeder.NAME)), "the data was deleted");
            client.notification("torrent.removed", p -> seeder.id().equals(p.get("id")));
            assertEquals(0, ((Map<String, Object>) ok("torrent.list", params())).get("total"));
            error(-32001, "torrent.get", params("id", seeder.id()));
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void aMagnetLinkFetchesItsMetadataFromAPeerThenDownloads() throws Exception {
        try (Seeder seeder = new Seeder(dir)) {
            Map<String, Object> hello = ok("engine.hello", params());
            assertTrue(((List<String>) hello.get("capabilities")).containsAll(List.of("magnet", "v2")), hello.toString());
            String link = "magnet:?xt=urn:btih:" + seeder.id() + "&dn=from-the-link";
            Map<String, Object> added = ok("torrent.add", params("magnet", link, "savePath", "m",
                    "peers", List.of(seeder.peer())));
            assertEquals(seeder.id(), added.get("id"));
            assertEquals("from-the-link", added.get("name"), "the link's dn until the metadata arrives");
            Map<String, Object> done = awaitStatus(seeder.id(), "the download", s -> "seeding".equals(s.get("state")));
            assertEquals(Seeder.NAME, done.get("name"), "the metadata's name");
            seeder.assertDownloaded(downloads.resolve("m"));
            Map<String, Object> files = ok("torrent.files", params("id", seeder.id()));
            assertEquals(3, ((List<Object>) files.get("files")).size());
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void syncGetCatchesUpWithWhatTheClientMissed() throws Exception {
        Seeder.Payload p = Seeder.payload(dir.resolve("made"));
        String id = (String) ((Map<String, Object>) ok("torrent.add", params("torrent", p.base64(), "paused", true)))
                .get("id");
        awaitStatus(id, "paused", s -> "paused".equals(s.get("state")));
        Map<String, Object> first = ok("sync.get", params("sinceRevision", 0));
        assertEquals(true, first.get("full"));
        long revision = ((Number) first.get("revision")).longValue();
        assertTrue(revision > 0, first.toString());

        // nothing subscribed: every change below is missed
        ok("torrent.resume", params("id", id));
        awaitStatus(id, "downloading", s -> "downloading".equals(s.get("state")));
        Map<String, Object> caughtUp = ok("sync.get", params("sinceRevision", revision));
        assertEquals(false, caughtUp.get("full"));
        Map<String, Object> row = ((List<Map<String, Object>>) caughtUp.get("torrents")).get(0);
        assertEquals(id, row.get("id"));
        assertEquals("downloading", row.get("state"));
        assertFalse(row.containsKey("name"), "only the fields that changed: " + row);
        assertEquals(List.of(), caughtUp.get("removed"));
        long after = ((Number) caughtUp.get("revision")).longValue();
        assertTrue(after > revision);

        ok("torrent.remove", params("id", id));
        Map<String, Object> gone = ok("sync.get", params("sinceRevision", after));
        assertEquals(false, gone.get("full"));
        assertEquals(List.of(id), gone.get("removed"));
        assertEquals(List.of(), gone.get("torrents"));
        assertEquals(0, ((Map<String, Object>) gone.get("stats")).get("torrents"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void inspectReadsEachKindOfSourceAndNamesWhatIsWrong() throws Exception {
        Seeder.Payload p = Seeder.payload(dir.resolve("made"));
        Path file = downloads.resolve("x.torrent");
        Files.createDirectories(downloads);
        Files.write(file, p.torrent().bytes());
        Map<String, Object> fromBytes = ok("metainfo.inspect", params("torrent", p.base64()));
        Map<String, Object> fromPath = ok("metainfo.inspect", params("path", "x.torrent"));
        assertEquals(fromBytes, fromPath);
        assertEquals(p.torrent().infoHash().id(), fromBytes.get("id"));
        assertEquals("v1", fromBytes.get("version"));
        assertEquals(true, fromBytes.get("metadata"));
        assertEquals(List.of(Map.of("index", 0, "path", "payload/a.bin", "size", 300_000, "pad", false),
                Map.of("index", 1, "path", "payload/c.txt", "size", 3, "pad", false),
                Map.of("index", 2, "path", "payload/sub/b.bin", "size", 70_001, "pad", false)), fromBytes.get("files"));

        String hash = p.torrent().infoHash().id();
        Map<String, Object> magnet = ok("metainfo.inspect", params("magnet", "magnet:?xt=urn:btih:" + hash
                + "&dn=Some+Name&tr=udp%3A%2F%2Ftracker.example%3A80"));
        assertEquals(hash, magnet.get("id"));
        assertEquals("Some Name", magnet.get("name"));
        assertEquals(false, magnet.get("metadata"));
        assertEquals(List.of(List.of("udp://tracker.example:80")), magnet.get("trackers"));
        assertEquals(List.of(), magnet.get("files"));

        error(-32005, "metainfo.inspect", params("path", dir.resolve("made/x.torrent").toString()));
        assertEquals("file", ((Map<String, Object>) error(-32001, "metainfo.inspect", params("path", "nope.torrent"))
                .get("data")).get("kind"));
        error(-32002, "metainfo.inspect", params("torrent", Base64.getEncoder().encodeToString(
                "d4:infod4:name1:xee".getBytes(StandardCharsets.US_ASCII))));
        error(-32002, "metainfo.inspect", params("magnet", "magnet:?xt=urn:btih:nothex"));
        assertParamError("magnet|torrent|path", "metainfo.inspect", params());
        assertParamError("magnet|torrent|path", "metainfo.inspect", params("torrent", p.base64(), "path", "x.torrent"));
        assertParamError("torrent", "metainfo.inspect", params("torrent", "not base64!"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void addChecksEveryOptionBeforeAdding() throws Exception {
        Seeder.Payload p = Seeder.payload(dir.resolve("made"));
        error(-32005, "torrent.add", params("torrent", p.base64(), "savePath", "../elsewhere"));
        assertParamError("filePriorities", "torrent.add", params("torrent", p.base64(), "filePriorities", List.of(1)));
        assertParamError("filePriorities[1]", "torrent.add", params("torrent", p.base64(),
                "filePriorities", List.of(1, 9, 1)));
        assertParamError("peers[0]", "torrent.add", params("torrent", p.base64(), "peers", List.of("nope")));
        assertParamError("limits.downloadRate", "torrent.add", params("torrent", p.base64(),
                "limits", params("downloadRate", -1)));
        assertParamError("limits.seedTimeMs", "torrent.add", params("torrent", p.base64(),
                "limits", params("seedTimeMs", -1)));
        assertParamError("limits.nope", "torrent.add", params("torrent", p.base64(), "limits", params("nope", 1)));
        assertParamError("paused", "torrent.add", params("torrent", p.base64(), "paused", "yes"));
        assertEquals(0, ((Map<String, Object>) ok("torrent.list", params())).get("total"), "nothing was added");

        // a magnet link: added once the engine fetches metadata, until then refused by name
        Map<String, Object> r = client.call(nextId++, "torrent.add", json(params("magnet", "magnet:?xt=urn:btih:"
                + p.torrent().infoHash().id())));
        if (r.containsKey("error")) {
            assertEquals(Map.of("param", "magnet"), ((Map<String, Object>) r.get("error")).get("data"), r.toString());
        } else {
            assertEquals(p.torrent().infoHash().id(), ((Map<String, Object>) r.get("result")).get("id"));
        }
    }

    @SuppressWarnings("unchecked")
    @Test
    void theTorrentMethodsActOnAPausedTorrent() throws Exception {
        Seeder.Payload p = Seeder.payload(dir.resolve("made"));
        String id = (String) ((Map<String, Object>) ok("torrent.add", params("torrent", p.base64(), "paused", true,
                "sequential", true, "filePriorities", List.of(0, 4, 4), "limits", params("downloadRate", 1000))))
                .get("id");
        Map<String, Object> s = awaitStatus(id, "paused", x -> "paused".equals(x.get("state")));
        assertEquals(true, s.get("sequential"));
        assertTrue(((Number) s.get("wantedSize")).longValue() < ((Number) s.get("totalSize")).longValue(),
                "a skipped file is not wanted: " + s);

        ok("torrent.setFilePriorities", params("id", id, "files", List.of(params("index", 1, "priority", 7))));
        List<Map<String, Object>> files = (List<Map<String, Object>>) ((Map<String, Object>) ok("torrent.files",
                params("id", id))).get("files");
        assertEquals(List.of(0, 7, 4), files.stream().map(f -> f.get("priority")).toList());
        ok("torrent.setFilePriorities", params("id", id, "priorities", List.of(1, 2, 3)));
        files = (List<Map<String, Object>>) ((Map<String, Object>) ok("torrent.files", params("id", id))).get("files");
        assertEquals(List.of(1, 2, 3), files.stream().map(f -> f.get("priority")).toList());
        assertParamError("priorities", "torrent.setFilePriorities", params("id", id, "priorities", List.of(1)));
        assertParamError("files[0].index", "torrent.setFilePriorities", params("id", id,
                "files", List.of(params("index", 3, "priority", 1))));
        assertParamError("files[0].priority", "torrent.setFilePriorities", params("id", id,
                "files", List.of(params("index", 0, "priority", 8))));
        assertParamError("priorities|files", "torrent.setFilePriorities", params("id", id));

        ok("torrent.setOptions", params("id", id, "sequential", false, "limits", params("uploadRate", 5)));
        awaitStatus(id, "sequential off", x -> Boolean.FALSE.equals(x.get("sequential")));
        assertParamError("limits.maxConnections", "torrent.setOptions", params("id", id,
                "limits", params("maxConnections", -1)));

        assertEquals(Map.of(), ok("torrent.move", params("id", id, "savePath", dir.resolve("media/moved").toString())));
        assertEquals(dir.resolve("media/moved").toString(), ((Map<String, Object>) ok("torrent.get", params("id", id,
                "fields", List.of("savePath")))).get("savePath"));
        error(-32005, "torrent.move", params("id", id, "savePath", "/"));
        assertParamError("savePath", "torrent.move", params("id", id));

        assertEquals(Map.of(), ok("torrent.reannounce", params("id", id)));
        assertEquals(Map.of(), ok("torrent.recheck", params("id", id)));
        Map<String, Object> get = ok("torrent.get", params("id", id.toUpperCase(), "fields", List.of("state")));
        assertEquals(List.of("id", "state"), new ArrayList<>(get.keySet()));
        assertParamError("fields", "torrent.get", params("id", id, "fields", List.of("nope")));

        String other = "0123456789abcdef0123456789abcdef01234567";
        assertEquals(Map.of("kind", "torrent", "id", other), error(-32001, "torrent.pause", params("id", other))
                .get("data"));
        assertParamError("id", "torrent.resume", params());
        error(-32602, "torrent.pause", params("id", 5));
    }

    @SuppressWarnings("unchecked")
    @Test
    void settingsChangeInPartAndNameTheFieldAtFault() throws Exception {
        Map<String, Object> s = ok("session.getSettings", params());
        assertEquals(downloads.toString(), s.get("downloadDir"));
        assertEquals(List.of(downloads.toString(), dir.resolve("media").toString()), s.get("allowedRoots"));
        assertEquals("prefer", s.get("encryption"));
        Map<String, Object> changed = ok("session.setSettings", params("uploadRateLimit", 1000, "encryption", "require"));
        assertEquals(1000, changed.get("uploadRateLimit"));
        assertEquals("require", changed.get("encryption"));
        assertEquals(s.get("maxConnections"), changed.get("maxConnections"));
        assertEquals(changed, ok("session.getSettings", params()));
        // what a client read may go back unchanged
        assertEquals(changed, ok("session.setSettings", changed));
        assertParamError("maxConnections", "session.setSettings", params("maxConnections", 0));
        assertParamError("listenPort", "session.setSettings", params("listenPort", 1));
        assertParamError("nope", "session.setSettings", params("nope", 1));
        assertParamError("encryption", "session.setSettings", params("encryption", "rot13"));

        Map<String, Object> stats = ok("session.stats", params());
        assertEquals(List.of("torrents", "peers", "downloadRate", "uploadRate", "downloadedBytes", "uploadedBytes",
                "dhtNodes", "listenPort", "diskQueueBytes"), new ArrayList<>(stats.keySet()));
        assertEquals(s.get("listenPort"), stats.get("listenPort"));
    }

    @Test
    void shutdownClosesTheSessionAndWritesResumeData() throws Exception {
        Seeder.Payload p = Seeder.payload(dir.resolve("made"));
        String id = (String) ((Map<?, ?>) ok("torrent.add", params("torrent", p.base64(), "paused", true))).get("id");
        awaitStatus(id, "paused", x -> "paused".equals(x.get("state")));
        assertEquals(Map.of(), ok("engine.shutdown", params()));
        assertTrue(client.awaitServed(), "serve() returned after engine.shutdown");
        assertTrue(Files.isRegularFile(downloads.resolve(".torrpedo/resume/" + id + ".resume")),
                "resume data was written on close");
    }
}
