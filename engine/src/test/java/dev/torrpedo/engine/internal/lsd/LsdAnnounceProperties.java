package dev.torrpedo.engine.internal.lsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Every announce we can make parses back to itself; no datagram makes the parser fail otherwise. */
class LsdAnnounceProperties {

    @Provide
    Arbitrary<String> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(20).map(b -> HexFormat.of().formatHex(b));
    }

    @Provide
    Arbitrary<String> cookies() {
        return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(LsdAnnounce.MAX_COOKIE);
    }

    @Property(tries = 500)
    void roundTrips(@ForAll @IntRange(min = 1, max = 65535) int port,
                    @ForAll @Size(min = 1, max = 20) List<@net.jqwik.api.From("hashes") String> hashes,
                    @ForAll("cookies") String cookie) {
        LsdAnnounce a = new LsdAnnounce(port, hashes, cookie);
        byte[] bytes = a.encode("239.192.152.143:6771");
        assertTrue(bytes.length <= LsdAnnounce.MAX_DATAGRAM, "20 hashes fit a datagram");
        assertEquals(a, LsdAnnounce.parse(bytes));
    }

    @Property(tries = 1000)
    void anyBytesParseOrFailWithTheTypedException(@ForAll @Size(max = 1500) byte[] datagram) {
        try {
            LsdAnnounce a = LsdAnnounce.parse(datagram);
            assertTrue(a.infoHashes().size() >= 1 && a.port() >= 1);
        } catch (LsdFormatException expected) {
            assertTrue(expected.offset() >= 0 && expected.offset() <= datagram.length);
        }
    }
}
