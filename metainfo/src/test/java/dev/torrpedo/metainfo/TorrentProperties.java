package dev.torrpedo.metainfo;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Torrents changed at random fail only with {@link MetainfoException}, or load with every invariant intact. */
class TorrentProperties {

    @Provide
    Arbitrary<byte[]> torrents() {
        return Arbitraries.of(GoldenTorrentTest.NAMES).map(n -> GoldenTorrentTest.golden(n + ".torrent"));
    }

    @Property(tries = 2000)
    void mutatedTorrentsFailCleanlyOrStayConsistent(@ForAll("torrents") byte[] torrent, @ForAll int where,
            @ForAll byte what, @ForAll @IntRange(min = 1, max = 4) int count) {
        byte[] in = torrent.clone();
        for (int i = 0; i < count; i++) {
            in[Math.floorMod(where * (i + 1) + i * 7919, in.length)] = (byte) (what + i);
        }
        try {
            TorrentFuzzTest.check(Torrent.parse(in, TorrentFuzzTest.LIMITS), in);
        } catch (MetainfoException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 500)
    void truncatedTorrentsFailCleanly(@ForAll("torrents") byte[] torrent, @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        byte[] in = java.util.Arrays.copyOf(torrent, cut % torrent.length);
        try {
            TorrentFuzzTest.check(Torrent.parse(in, TorrentFuzzTest.LIMITS), in);
        } catch (MetainfoException expected) {
            // the only failure allowed
        }
    }
}
