package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process swarms on loopback: real sockets, real files, the embedded tracker. */
class SwarmTest {
    @TempDir
    Path dir;

    @Test
    void oneSeederToOneLeecher() {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "one.bin", 3 * 1024 * 1024 + 12345, 64 * 1024, 1,
                    List.of(swarm.httpTracker()));
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            TorrentHandle s = seeder.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(s.completion(), Swarm.TIMEOUT, swarm::describe);
            TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("leecher"));
            TorrentStatus st = l.status();
            assertEquals(TorrentState.SEEDING, st.state());
            assertEquals(1.0, st.progress());
            assertTrue(st.downloadedBytes() >= p.size(), st.toString());
        }
    }
}
