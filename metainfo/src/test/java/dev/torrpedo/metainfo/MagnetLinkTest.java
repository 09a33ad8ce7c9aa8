package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MagnetLinkTest {
    private static final String V1 = "33dabc29ed09e3aebce03b8a99b202e33db915db";
    private static final String V2 = "6dad76eccd3aae56c558fe469e042a93bf46156f3a64a7d0d4af3a664975a5f9";
    /** What libtorrent 2.0's make_magnet_uri writes for golden/hybrid-multi.torrent. */
    private static final String LIBTORRENT_HYBRID = "magnet:?xt=urn:btih:" + V1 + "&xt=urn:btmh:1220" + V2
            + "&dn=multi&tr=http%3a%2f%2ftracker.example%2fannounce&tr=udp%3a%2f%2fbackup.example%3a6969%2fannounce"
            + "&ws=http%3a%2f%2fseed.example%2ffiles%2f";

    @Test
    void readsLibtorrentsHybridLink() {
        MagnetLink link = MagnetLink.parse(LIBTORRENT_HYBRID);
        Torrent golden = Torrent.parse(GoldenTorrentTest.golden("hybrid-multi.torrent"));
        assertEquals(golden.infoHash(), link.infoHash());
        assertEquals(Optional.of("multi"), link.displayName());
        assertEquals(List.of("http://tracker.example/announce", "udp://backup.example:6969/announce"), link.trackers());
        assertEquals(List.of("http://seed.example/files/"), link.webSeeds());
        assertEquals(MagnetLink.parse(link.toString()), link);
        assertEquals(MagnetLink.of(golden), link);
        assertEquals(LIBTORRENT_HYBRID.toLowerCase(java.util.Locale.ROOT), link.toString().toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void metadataForALinkBecomesATorrentWithItsTrackers() {
        Torrent golden = Torrent.parse(GoldenTorrentTest.golden("hybrid-multi.torrent"));
        MagnetLink v1Only = MagnetLink.parse("magnet:?xt=urn:btih:" + V1 + "&tr=http://a/&tr=http://b/&ws=http://w/");
        Torrent t = Torrent.fromMagnet(golden.rawInfo(), v1Only);
        assertEquals(golden.infoHash(), t.infoHash()); // the hybrid's full identity
        assertEquals(List.of(List.of("http://a/"), List.of("http://b/")), t.trackers());
        assertEquals(List.of("http://w/"), t.webSeeds());
        assertEquals(golden.files(), t.files());
        MetainfoException e = assertThrows(MetainfoException.class, () -> Torrent.fromMagnet(
                Torrent.parse(GoldenTorrentTest.golden("v1-multi.torrent")).rawInfo(), v1Only));
        assertEquals(MetainfoError.INFO_HASH_MISMATCH, e.error());
    }

    @Test
    void base32HexIndexedParametersPeersAndSelection() {
        MagnetLink link = MagnetLink.parse("MAGNET:?xt.1=urn:btih:gpnlykpnbhr25phahofjtmqc4m63sfo3"
                + "&dn=a+b%20c&tr.2=udp://u:1&x.pe=1.2.3.4:5&x.pe=[::1]:6&x.pe=bad&x.pe=h:0&so=4-6,0,2,5-9&foo=bar");
        assertEquals(InfoHash.parseHex(V1), link.infoHash());
        assertEquals(Optional.of("a b c"), link.displayName());
        assertEquals(List.of("udp://u:1"), link.trackers());
        assertEquals(List.of(InetSocketAddress.createUnresolved("1.2.3.4", 5), InetSocketAddress.createUnresolved("::1", 6)),
                link.peers());
        assertEquals(List.of(new MagnetLink.FileRange(0, 0), new MagnetLink.FileRange(2, 2), new MagnetLink.FileRange(4, 9)),
                link.selectedFiles());
        assertTrue(link.selects(0));
        assertFalse(link.selects(1));
        assertTrue(link.selects(9));
        assertFalse(link.selects(10));
        assertEquals("magnet:?xt=urn:btih:" + V1 + "&dn=a%20b%20c&tr=udp%3A%2F%2Fu%3A1&x.pe=1.2.3.4:5&x.pe=%5B%3A%3A1%5D:6"
                + "&so=0,2,4-9", link.toString());
        assertEquals(link, MagnetLink.parse(link.toString()));
    }

    @Test
    void v2OnlyLinks() {
        MagnetLink link = MagnetLink.parse("magnet:?xt=urn:btmh:1220" + V2.toUpperCase(java.util.Locale.ROOT));
        assertFalse(link.infoHash().hasV1());
        assertEquals(V2, Torrent.hex(link.infoHash().v2()));
        assertEquals("magnet:?xt=urn:btmh:1220" + V2, link.toString());
    }

    @Test
    void trackersPastTheLimitAreDropped() {
        StringBuilder sb = new StringBuilder("magnet:?xt=urn:btih:" + V1);
        for (int i = 0; i < 150; i++) {
            sb.append("&tr=http://t").append(i).append('/');
        }
        assertEquals(MagnetLink.MAX_TRACKERS, MagnetLink.parse(sb.toString()).trackers().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://example.com/|INVALID_MAGNET|''",
        "magnet:?dn=x|MISSING_FIELD|xt",
        "magnet:?xt=urn:btih:1234|INVALID_MAGNET|xt",
        "magnet:?xt=urn:btih:zz3abc29ed09e3aebce03b8a99b202e33db915db|INVALID_MAGNET|xt",
        "magnet:?xt=urn:btih:33dabc29ed09e3aebce03b8a99b202e33db915db&xt=urn:btih:43dabc29ed09e3aebce03b8a99b202e33db915db|INVALID_MAGNET|xt",
        "magnet:?xt=urn:btmh:1114aabbccddeeff00112233445566778899aabbccdd|INVALID_MAGNET|xt",
        "magnet:?xt=urn:btih:33dabc29ed09e3aebce03b8a99b202e33db915db&dn=%zz|INVALID_MAGNET|dn",
        "magnet:?xt=urn:btih:33dabc29ed09e3aebce03b8a99b202e33db915db&tr=%4|INVALID_MAGNET|tr",
        "magnet:?xt=urn:btih:33dabc29ed09e3aebce03b8a99b202e33db915db&so=3-1|INVALID_MAGNET|so",
        "magnet:?xt=urn:btih:33dabc29ed09e3aebce03b8a99b202e33db915db&so=a|INVALID_MAGNET|so",
        "magnet:?xt=urn:btih:33dabc29ed09e3aebce03b8a99b202e33db915db&so=1,,2|INVALID_MAGNET|so",
        "magnet:?xt=urn:btih:33dabc29ed09e3aebce03b8a99b202e33db915db&so=99999999999|INVALID_MAGNET|so"})
    void badLinksGetAClearError(String uri, MetainfoError error, String field) {
        MetainfoException e = assertThrows(MetainfoException.class, () -> MagnetLink.parse(uri));
        assertEquals(error, e.error(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void limitsAreChecked() {
        String huge = "magnet:?xt=urn:btih:" + V1 + "&dn=" + "a".repeat(MagnetLink.MAX_LENGTH);
        assertEquals(MetainfoError.LIMIT_EXCEEDED, assertThrows(MetainfoException.class, () -> MagnetLink.parse(huge)).error());
        StringBuilder so = new StringBuilder("magnet:?xt=urn:btih:" + V1 + "&so=");
        for (int i = 0; i <= MagnetLink.MAX_FILE_RANGES; i++) {
            so.append(i * 2).append(',');
        }
        so.setLength(so.length() - 1);
        MetainfoException e = assertThrows(MetainfoException.class, () -> MagnetLink.parse(so.toString()));
        assertEquals(MetainfoError.LIMIT_EXCEEDED, e.error());
        assertEquals("so", e.field());
        assertThrows(IllegalArgumentException.class, () -> new MagnetLink.FileRange(2, 1));
    }
}
