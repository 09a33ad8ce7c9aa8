package dev.torrpedo.engine.internal.lsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BEP 14 announces: golden bytes, what is tolerated, and where malformed ones fail. */
class LsdAnnounceTest {
    private static final String H1 = "0123456789abcdef0123456789abcdef01234567";
    private static final String H2 = "fedcba9876543210fedcba9876543210fedcba98";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void encodesAsTheBepShows() {
        byte[] b = new LsdAnnounce(6881, List.of(H1, H2), "c00k1e").encode("239.192.152.143:6771");
        assertEquals("BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 6881\r\nInfohash: " + H1
                + "\r\nInfohash: " + H2 + "\r\ncookie: c00k1e\r\n\r\n\r\n", new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void parsesWhatOtherClientsSend() {
        // libtorrent's shape, upper-case hex, bare LFs, headers in any case and an unknown one
        LsdAnnounce a = LsdAnnounce.parse(ascii("BT-SEARCH * HTTP/1.1\nHost: 239.192.152.143:6771\nport: 51413\n"
                + "INFOHASH: " + H2.toUpperCase() + "\nX-Other: whatever\n\n\n"));
        assertEquals(new LsdAnnounce(51413, List.of(H2), ""), a);
        LsdAnnounce b = LsdAnnounce.parse(new LsdAnnounce(1, List.of(H1), "x").encode("[ff15::efc0:988f]:6771"));
        assertEquals(new LsdAnnounce(1, List.of(H1), "x"), b);
    }

    @Test
    void malformedAnnouncesNameTheFieldAndOffset() {
        fails("request-line", 0, "GET / HTTP/1.1\r\n\r\n");
        fails("Port", 22, "BT-SEARCH * HTTP/1.1\r\nPort: 0\r\nInfohash: " + H1 + "\r\n\r\n");
        fails("Port", 22, "BT-SEARCH * HTTP/1.1\r\nPort: 6881x\r\nInfohash: " + H1 + "\r\n\r\n");
        fails("Infohash", 34, "BT-SEARCH * HTTP/1.1\r\nPort: 6881\r\nInfohash: 1234\r\n\r\n");
        fails("Infohash", 36, "BT-SEARCH * HTTP/1.1\r\nPort: 6881\r\n\r\n");
        fails("Port", 76, "BT-SEARCH * HTTP/1.1\r\nInfohash: " + H1 + "\r\n\r\n");
        fails("header", 22, "BT-SEARCH * HTTP/1.1\r\nno colon here\r\n\r\n");
        fails("header", 28, "BT-SEARCH * HTTP/1.1\r\nPort: \u00e96881\r\n\r\n");
        StringBuilder many = new StringBuilder("BT-SEARCH * HTTP/1.1\r\nPort: 1\r\n");
        for (int i = 0; i < LsdAnnounce.MAX_INFOHASHES + 1; i++) {
            many.append("Infohash: ").append(H1).append("\r\n");
        }
        LsdFormatException e = assertThrows(LsdFormatException.class, () -> LsdAnnounce.parse(ascii(many.toString())));
        assertEquals("Infohash", e.field());
        LsdFormatException big = assertThrows(LsdFormatException.class,
                () -> LsdAnnounce.parse(new byte[LsdAnnounce.MAX_DATAGRAM + 1]));
        assertEquals("datagram", big.field());
    }

    private static void fails(String field, int offset, String datagram) {
        LsdFormatException e = assertThrows(LsdFormatException.class,
                () -> LsdAnnounce.parse(datagram.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }
}
