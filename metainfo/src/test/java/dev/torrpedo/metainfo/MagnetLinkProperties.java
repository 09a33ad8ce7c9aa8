package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MagnetLinkProperties {

    /** Text without lone surrogates (which UTF-8 cannot carry). */
    private static Arbitrary<String> text(int max) {
        return Arbitraries.strings().all().ofMaxLength(max)
                .filter(s -> s.codePoints().noneMatch(cp -> cp >= 0xd800 && cp <= 0xdfff));
    }

    @Provide
    Arbitrary<MagnetLink> links() {
        Arbitrary<InfoHash> hashes = Arbitraries.integers().between(0, 2).flatMap(kind -> {
            Arbitrary<byte[]> v1 = Arbitraries.bytes().array(byte[].class).ofSize(20);
            Arbitrary<byte[]> v2 = Arbitraries.bytes().array(byte[].class).ofSize(32);
            if (kind == 0) {
                return v1.map(InfoHash::v1);
            }
            return kind == 1 ? v2.map(InfoHash::v2) : net.jqwik.api.Combinators.combine(v1, v2).as(InfoHash::hybrid);
        });
        Arbitrary<InetSocketAddress> peers = net.jqwik.api.Combinators.combine(
                Arbitraries.oneOf(Arbitraries.strings().withChars("abcxyz0123456789.-").ofMinLength(1).ofMaxLength(20)
                        .filter(s -> !s.isBlank()), Arbitraries.of("::1", "fe80::1", "2001:db8::7")),
                Arbitraries.integers().between(1, 65535)).as(InetSocketAddress::createUnresolved);
        Arbitrary<MagnetLink.FileRange> ranges = Arbitraries.integers().between(0, 100_000)
                .flatMap(a -> Arbitraries.integers().between(a, a + 50).map(b -> new MagnetLink.FileRange(a, b)));
        return net.jqwik.api.Combinators.combine(hashes, text(40).optional(), text(60).list().ofMaxSize(5),
                text(60).list().ofMaxSize(3), peers.list().ofMaxSize(4), ranges.list().ofMaxSize(6)).as(MagnetLink::new);
    }

    @Property(tries = 500)
    void parseOfToStringIsIdentity(@ForAll("links") MagnetLink link) {
        assertEquals(link, MagnetLink.parse(link.toString()));
        assertEquals(link.toString(), MagnetLink.parse(link.toString()).toString());
    }

    @Provide
    Arbitrary<String> magnetish() {
        Arbitrary<String> key = Arbitraries.of("xt", "dn", "tr", "ws", "x.pe", "so", "xt.1", "kt", "");
        Arbitrary<String> value = Arbitraries.oneOf(text(30),
                Arbitraries.of("urn:btih:", "urn:btmh:1220", "urn:btih:33dabc29ed09e3aebce03b8a99b202e33db915db",
                        "urn:btih:GPNLYKPNBHR25PHAHOFJTMQC4M63SFO3", "%", "%2", "%zz", "1-", "-1", "0,1", "[::1]:1"));
        Arbitrary<String> param = net.jqwik.api.Combinators.combine(key, value).as((k, v) -> k + "=" + v);
        return param.list().ofMaxSize(8).map(ps -> "magnet:?" + String.join("&", ps));
    }

    @Property(tries = 2000)
    void anyInputParsesToAStableLinkOrFailsWithMetainfoException(@ForAll("magnetish") String uri) {
        MagnetLink link;
        try {
            link = MagnetLink.parse(uri);
        } catch (MetainfoException expected) {
            return;
        }
        assertEquals(link, MagnetLink.parse(link.toString()));
    }
}
