package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.Torrent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Magnet links (BEP 9) in-process: the metadata fetched from several of our seeders at once,
 * verified, and the download going on as any torrent's; a lying peer struck while the
 * metadata still completes; the fetched metadata kept as a .torrent.
 */
class MagnetTest {
    @TempDir
    Path dir;

    /** A multi-file payload whose info dictionary spans three 16 KiB metadata pieces. */
    private static Payload bigInfo(Path dir, List<String> trackers) {
        long[] sizes = new long[700];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = 1000 + 37L * i;
        }
        return Payload.multi(dir, "many", sizes, 16 * 1024, 21, trackers);
    }

    private static InetSocketAddress local(Session s) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.listenPort());
    }

    @Test
    void aMagnetLinkFetchesItsMetadataFromSeveralPeersThenDownloads() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = bigInfo(dir.resolve("original"), List.of(swarm.httpTracker()));
            assertTrue(p.torrent().infoBuffer().remaining() > 2 * 16 * 1024, "three metadata pieces");
            for (int k = 0; k < 2; k++) {
                p.copy(dir.resolve("original"), swarm.dir("seed" + k));
                Session s = swarm.session("seed" + k, Swarm.settings().build());
                Swarm.join(s.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            }
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            List<Event> events = new CopyOnWriteArrayList<>();
            leecher.subscribe(events::add, Runnable::run);
            String magnet = MagnetLink.of(p.torrent()).toString();
            assertTrue(magnet.contains("tr="), magnet);
            TorrentHandle t = leecher.add(AddTorrent.magnet(magnet)).join();
            assertEquals(p.infoHash(), t.infoHash());
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("leecher"));

            List<Event.Type> kinds = new ArrayList<>();
            events.forEach(e -> kinds.add(e.type()));
            assertTrue(kinds.indexOf(Event.Type.METADATA_RECEIVED) > kinds.indexOf(Event.Type.TORRENT_ADDED), kinds.toString());
            assertTrue(kinds.indexOf(Event.Type.TORRENT_COMPLETED) > kinds.indexOf(Event.Type.METADATA_RECEIVED), kinds.toString());
            assertTrue(events.stream().anyMatch(e -> e instanceof Event.StateChanged c
                    && c.to() == TorrentState.FETCHING_METADATA), "the torrent fetched its metadata first");
            assertTrue(events.stream().anyMatch(e -> e instanceof Event.MetadataReceived m && m.name().equals("many")));

            // the fetched metadata, as a .torrent: the same info dictionary, the link's tracker
            byte[] saved = t.torrentFile().orElseThrow();
            Torrent back = Torrent.parse(saved);
            assertEquals(p.infoHash(), back.infoHash());
            assertArrayEquals(p.torrent().rawInfo(), back.rawInfo());
            assertEquals(List.of(List.of(swarm.httpTracker())), back.trackers());
            Path kept = swarm.dir("leecher").resolve(".torrpedo/resume/" + p.infoHash().id() + ".torrent");
            Swarm.await("the metadata to be kept in the resume directory", Swarm.TIMEOUT, () -> Files.exists(kept));
            assertArrayEquals(saved, Files.readAllBytes(kept));
        }
    }

    @Test
    void aLyingPeerIsStruckAndTheMetadataStillCompletes() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = bigInfo(swarm.dir("seed"), List.of());
            Session seeder = swarm.session("seed", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            int size = p.torrent().infoBuffer().remaining();
            for (MetadataLiar.Mode mode : MetadataLiar.Mode.values()) {
                try (MetadataLiar liar = new MetadataLiar(p.infoHash(), size, mode)) {
                    Session leecher = swarm.session("leecher-" + mode, Swarm.settings()
                            .encryption(Encryption.PLAINTEXT).build());
                    List<Event> events = new CopyOnWriteArrayList<>();
                    leecher.subscribe(events::add, Runnable::run);
                    // the liar alone first, so that it is asked for pieces; then an honest seeder
                    TorrentHandle t = leecher.add(AddTorrent.magnet(MagnetLink.of(p.infoHash()).toString())
                            .withPeers(liar.address())).join();
                    Swarm.await("the liar to be asked for metadata", Swarm.TIMEOUT, () -> liar.requests() > 0);
                    t.addPeer(local(seeder));
                    Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
                    p.assertIntact(swarm.dir("leecher-" + mode));
                    Swarm.await("the liar to be banned", Swarm.TIMEOUT, () -> events.stream().anyMatch(
                            e -> e instanceof Event.PeerBanned b && b.address().equals(liar.address())));
                    assertFalse(t.peers().stream().anyMatch(i -> i.address().equals(liar.address())), mode.toString());
                    assertTrue(events.stream().noneMatch(e -> e instanceof Event.PeerBanned b
                            && b.address().getPort() == seeder.listenPort()), "the honest seeder was not blamed");
                }
            }
        }
    }

    @Test
    void aMagnetAddedAgainUsesTheMetadataKeptInTheResumeDirectory() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seed"), "again.bin", 300_000, 16 * 1024, 5, List.of());
            Session seeder = swarm.session("seed", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            String magnet = MagnetLink.of(p.infoHash()).toString();
            Session first = swarm.session("leecher", Swarm.settings().build());
            TorrentHandle t = first.add(AddTorrent.magnet(magnet).withPeers(local(seeder))).join();
            Swarm.join(t.completion(), Swarm.TIMEOUT, swarm::describe);
            first.close();
            seeder.close();
            // no peer has the metadata now: it comes from the resume directory
            Session second = swarm.session("leecher", Swarm.settings().build());
            TorrentHandle again = second.add(AddTorrent.magnet(magnet)).join();
            assertTrue(again.metainfo().isPresent(), "the metadata is known at once");
            Swarm.join(again.completion(), Swarm.TIMEOUT, swarm::describe);
            assertEquals(TorrentState.SEEDING, again.status().state());
        }
    }
}
