package dev.torrpedo.rpc.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.torrpedo.engine.PeerInfo;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.engine.TrackerState;
import dev.torrpedo.engine.TrackerStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's snapshots as the README's objects: units, names, nulls. */
class ShapesTest {

    @Test
    void aStatusHasEveryFieldInMillisecondsAndStrings() {
        TorrentStatus s = new TorrentStatus("ab", "n", TorrentState.DOWNLOADING, 0.5, 100, 80, 40, 50, 5, 10, 1, 2, 1,
                4, 0.1, null, Path.of("/dl"), Instant.ofEpochMilli(1234), null, 3, 6, true, 9);
        Map<String, Object> m = Shapes.status(s);
        assertEquals(Shapes.STATUS_FIELDS, List.copyOf(m.keySet()));
        assertEquals(4000L, m.get("etaMs"));
        assertEquals(1234L, m.get("addedAt"));
        assertNull(m.get("completedAt"));
        assertEquals("/dl", m.get("savePath"));
        assertEquals(TorrentState.DOWNLOADING, m.get("state"));
        TorrentStatus unknown = new TorrentStatus("ab", "n", TorrentState.DOWNLOADING, 0.5, 100, 80, 40, 50, 5, 0, 1, 2,
                1, -1, 0.1, null, Path.of("/dl"), Instant.ofEpochMilli(1234), null, 3, 6, true, 9);
        assertEquals(-1L, Shapes.status(unknown).get("etaMs"));
    }

    @Test
    void peerFlagsAreOursThenThePeers() throws Exception {
        // the engine's record: choked = we choke it, interested = it wants ours, peerChoked = it chokes us,
        // peerInterested = we want its
        PeerInfo p = new PeerInfo(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 6881), "x", true, false,
                0.5, 1, 2, true, false, false, true, 3, 4);
        Map<String, Object> m = Shapes.peer(p);
        assertEquals("[2001:db8:0:0:0:0:0:7]:6881", m.get("address"));
        assertEquals(true, m.get("choked"), "we choke it");
        assertEquals(true, m.get("interested"), "we want its pieces");
        assertEquals(false, m.get("peerChoked"), "it does not choke us");
        assertEquals(false, m.get("peerInterested"), "it does not want ours");
    }

    @Test
    void trackerCountsNeverGivenAreNull() {
        Map<String, Object> m = Shapes.tracker(new TrackerStatus("udp://t:1", 0, TrackerState.NOT_CONTACTED, null, -1, 7,
                null, Instant.ofEpochMilli(5)));
        assertNull(m.get("seeders"));
        assertEquals(7, m.get("leechers"));
        assertNull(m.get("lastAnnounce"));
        assertEquals(5L, m.get("nextAnnounce"));
    }
}
