package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's life cycle and public API: threads, resume, events, revisions, settings. */
class SessionTest {
    @TempDir
    Path dir;

    @Test
    void closeLeavesNoThreadBehind() {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "t.bin", 1024 * 1024, 32 * 1024, 11,
                    List.of(swarm.httpTracker(), swarm.udpTracker()));
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            seeder.add(AddTorrent.bytes(p.bytes())).join();
            TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
            l.saveResumeData().join();
        }
        Swarm.await("every thread the sessions started to end", Duration.ofSeconds(10), () -> newThreads(before).isEmpty(),
                () -> newThreads(before).toString());
    }

    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName).collect(Collectors.toList());
    }

    @Test
    void theFirstTimedResumeSaveComesAnIntervalAfterTheStart() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "timed.bin", 20 * 16 * 1024, 16 * 1024, 14,
                    List.of(swarm.httpTracker()));
            p.damage(swarm.dir("seeder"), piece -> piece % 2 == 1); // the seeder has half: no completion save
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            seeder.add(AddTorrent.bytes(p.bytes())).join();
            MutableClock clock = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
            Session leecher = swarm.session("leecher", Swarm.settings().build(), clock);
            TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.await("the half the seeder has", Swarm.TIMEOUT, () -> l.status().completedBytes() == 10 * 16 * 1024,
                    swarm::describe);
            Path resume = swarm.dir("leecher").resolve(".torrpedo/resume").resolve(p.infoHash().id() + ".resume");
            Swarm.holds("no resume save before the interval (ticks go on by the wall clock)", Duration.ofMillis(2500),
                    () -> !Files.exists(resume));
            clock.advance(Duration.ofSeconds(61));
            Swarm.await("the timed save", Swarm.TIMEOUT, () -> Files.exists(resume), swarm::describe);
        }
    }

    @Test
    void aRestartedSessionResumesWithoutRechecking() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.multi(swarm.dir("seeder"), "resume", new long[] {700_000, 900_000}, 16 * 1024, 12,
                    List.of(swarm.httpTracker()));
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            Session first = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                    .downloadDir(swarm.dir("leecher")).settings(Swarm.settings().build()).build();
            try (first) {
                TorrentHandle l = first.add(AddTorrent.bytes(p.bytes())).join();
                Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
            }
            assertTrue(Files.exists(swarm.dir("leecher").resolve(".torrpedo/resume")), "resume data under the download dir");
            Session second = swarm.session("leecher", Swarm.settings().build());
            TorrentHandle again = second.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(again.completion(), Duration.ofSeconds(10), swarm::describe);
            assertEquals(0, ((TorrentImpl) again).lastCheck().hashedPieces(), "resume data spared the hashing");
            assertTrue(((TorrentImpl) again).lastCheck().resumeDataUsed());
            assertEquals(0, again.status().downloadedBytes());
            p.assertIntact(swarm.dir("leecher"));
        }
    }

    @Test
    void eventsArriveInOrderOnTheSubscribersExecutorAndChangesSinceCatchesUp() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "subscriber"));
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("s"), "e.bin", 200_000, 16 * 1024, 13, List.of());
            Session s = swarm.session("s", Swarm.settings().build());
            List<Event> events = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            Subscription sub = s.subscribe(e -> {
                events.add(e);
                threads.add(Thread.currentThread().getName());
            }, executor);
            Changes none = s.changesSince(0);
            assertTrue(none.changed().isEmpty());
            TorrentHandle t = s.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            Swarm.await("the events", Duration.ofSeconds(10), () -> events.stream()
                    .anyMatch(e -> e instanceof Event.StateChanged sc && sc.to() == TorrentState.SEEDING));
            assertTrue(events.get(0) instanceof Event.TorrentAdded, events.toString());
            assertEquals(t.id(), events.get(0).torrentId());
            for (int i = 1; i < events.size(); i++) {
                assertTrue(events.get(i).revision() > events.get(i - 1).revision(), "revisions grow: " + events);
            }
            assertTrue(threads.stream().allMatch("subscriber"::equals), threads.toString());

            Changes all = s.changesSince(0);
            assertEquals(List.of(t.id()), all.changed().stream().map(TorrentStatus::id).collect(Collectors.toList()));
            assertTrue(all.complete());
            Changes later = s.changesSince(all.revision());
            assertTrue(later.changed().isEmpty(), later.toString());
            t.remove(false).get(10, TimeUnit.SECONDS);
            Changes gone = s.changesSince(all.revision());
            assertEquals(List.of(t.id()), gone.removed());
            assertTrue(s.torrents().isEmpty());
            Swarm.await("the removal event", Duration.ofSeconds(10),
                    () -> events.stream().anyMatch(e -> e.type() == Event.Type.TORRENT_REMOVED));
            sub.close();
            int seen = events.size();
            s.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.await("the torrent to be checked", Duration.ofSeconds(10),
                    () -> s.torrents().get(0).status().state() == TorrentState.SEEDING);
            executor.submit(() -> { }).get();
            assertEquals(seen, events.size(), "a closed subscription receives nothing");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void addingTwiceGivesTheSameHandleAndBadInputFails() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.multi(swarm.dir("s"), "dup", new long[] {100_000, 50_000}, 16 * 1024, 14, List.of());
            Session s = swarm.session("s", Swarm.settings().build());
            Path file = dir.resolve("dup.torrent");
            Files.write(file, p.bytes());
            AddResult first = s.addTorrent(AddTorrent.file(file)).join();
            AddResult second = s.addTorrent(AddTorrent.bytes(p.bytes())).join();
            assertFalse(first.duplicate());
            assertTrue(second.duplicate());
            assertSame(first.handle(), second.handle());
            assertSame(first.handle(), s.torrent(p.infoHash()).orElseThrow());
            assertSame(first.handle(), s.torrent(p.infoHash().id().toUpperCase()).orElseThrow());
            assertEquals(1, s.torrents().size());

            CompletionException bad = assertThrows(CompletionException.class,
                    () -> s.add(AddTorrent.bytes("d4:spam4:eggse".getBytes())).join());
            assertTrue(bad.getCause() instanceof IllegalArgumentException, bad.toString());
            CompletionException missing = assertThrows(CompletionException.class,
                    () -> s.add(AddTorrent.file(dir.resolve("nothing.torrent"))).join());
            assertTrue(missing.getCause() instanceof java.io.IOException, missing.toString());
            CompletionException prio = assertThrows(CompletionException.class,
                    () -> s.add(AddTorrent.bytes(p.bytes()).withFilePriorities(1, 2, 3)).join());
            assertTrue(prio.getCause() instanceof IllegalArgumentException, prio.toString());
            assertThrows(IllegalArgumentException.class, () -> first.handle().setFilePriorities(1));
        }
    }

    @Test
    void skippedFilesAreNotDownloaded() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.multi(swarm.dir("seeder"), "skip", new long[] {300_000, 400_000, 500_000}, 16 * 1024, 15,
                    List.of(swarm.httpTracker()));
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes()).withFilePriorities(4, 0, 7)).join();
            Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
            List<FileStatus> files = l.files();
            assertEquals(List.of(4, 0, 7), files.stream().map(FileStatus::priority).collect(Collectors.toList()));
            assertEquals(files.get(0).size(), files.get(0).completedBytes());
            assertEquals(files.get(2).size(), files.get(2).completedBytes());
            assertTrue(files.get(1).completedBytes() < files.get(1).size());
            assertTrue(l.status().downloadedBytes() < p.size(), "the skipped file was not downloaded");
            assertFalse(Files.exists(swarm.dir("leecher").resolve(files.get(1).path())), "a skipped file is not created");
            for (int i : new int[] {0, 2}) {
                Path f = swarm.dir("leecher").resolve(files.get(i).path());
                assertEquals(java.util.HexFormat.of().formatHex(p.sha256().get(files.get(i).path())),
                        java.util.HexFormat.of().formatHex(Payload.sha256Of(f)));
            }
            // wanting it later downloads the rest
            l.setFilePriorities(4, 1, 7);
            Swarm.await("the skipped file", Swarm.TIMEOUT, () -> l.status().state() == TorrentState.SEEDING
                    && l.files().get(1).completedBytes() == l.files().get(1).size(), swarm::describe);
            p.assertIntact(swarm.dir("leecher"));
        }
    }

    @Test
    void aDiskErrorStopsTheTorrentAndResumeRetries() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "err.bin", 300_000, 16 * 1024, 16, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            Session s = swarm.session("s", Swarm.settings().build());
            Path notADirectory = dir.resolve("in-the-way");
            Files.write(notADirectory, new byte[] {1});
            List<Event> events = new CopyOnWriteArrayList<>();
            s.subscribe(events::add, Runnable::run);
            TorrentHandle t = s.add(AddTorrent.bytes(p.bytes()).withSavePath(notADirectory)
                    .withPeers(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), seeder.listenPort()))).join();
            java.util.concurrent.CompletableFuture<TorrentHandle> first = t.completion();
            Swarm.await("the error", Swarm.TIMEOUT, () -> t.status().state() == TorrentState.ERROR, swarm::describe);
            assertTrue(t.status().error() != null, t.status().toString());
            // events reach subscribers on their executor, after the status has changed
            Swarm.await("the error event", Swarm.TIMEOUT,
                    () -> events.stream().anyMatch(e -> e.type() == Event.Type.TORRENT_ERROR), events::toString);
            assertThrows(CompletionException.class, first::join);
            // the error closes every connection; each leaves the count when its own loop has closed it
            Swarm.await("the connections to close", Swarm.TIMEOUT, () -> t.status().peers() == 0, swarm::describe);

            Files.delete(notADirectory);
            t.resume();
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            assertEquals(null, t.status().error());
            p.assertIntact(notADirectory);
        }
    }

    @Test
    void settingsAreCheckedOnceWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Settings.defaults().toBuilder().maxConnections(0).build());
        assertTrue(e.getMessage().startsWith("maxConnections"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Settings.defaults().toBuilder().maxOutstandingRequests(501).build());
        assertTrue(e.getMessage().startsWith("maxOutstandingRequests"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Settings.defaults().toBuilder().peerTimeout(Duration.ZERO).build());
        assertTrue(e.getMessage().startsWith("peerTimeout"), e.getMessage());
        NullPointerException n = assertThrows(NullPointerException.class,
                () -> Settings.defaults().toBuilder().encryption(null).build());
        assertEquals("encryption", n.getMessage());
        assertEquals(Settings.defaults(), Settings.defaults().toBuilder().build());
        assertThrows(IllegalArgumentException.class, () -> Session.builder().listenPort(70000));
    }

    @Test
    void aTakenPortFailsTheBuildAndStartsNothing() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThrows(UncheckedIOException.class, () -> Session.builder()
                    .listenAddress(InetAddress.getLoopbackAddress()).listenPort(taken.getLocalPort())
                    .downloadDir(dir).build());
        }
        Swarm.await("the failed session's threads to end", Duration.ofSeconds(10), () -> newThreads(before).isEmpty(),
                () -> newThreads(before).toString());
    }

    @Test
    void applyChangesTheSettingsOfARunningSession() {
        try (Swarm swarm = new Swarm(dir)) {
            Session s = swarm.session("s", Swarm.settings().build());
            Settings slower = s.settings().toBuilder().uploadRateLimit(100_000).maxConnections(7).build();
            s.apply(slower);
            assertEquals(slower, s.settings());
            List<TorrentHandle> none = new ArrayList<>(s.torrents());
            assertTrue(none.isEmpty());
            SessionStats stats = s.stats();
            assertEquals(s.listenPort(), stats.listenPort());
            assertEquals(0, stats.torrents());
        }
    }
}
