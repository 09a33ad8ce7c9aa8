package dev.torrpedo.bencode;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BencodeEncoderTest {

    private static String encode(BValue v) {
        return new String(BencodeEncoder.encode(v), US_ASCII);
    }

    @Test
    void bep3Vectors() {
        assertEquals("4:spam", encode(BString.of("spam")));
        assertEquals("i3e", encode(BInteger.of(3)));
        assertEquals("i-3e", encode(BInteger.of(-3)));
        assertEquals("i0e", encode(BInteger.of(0)));
        assertEquals("i-9223372036854775808e", encode(BInteger.of(Long.MIN_VALUE)));
        assertEquals("l4:spam4:eggse", encode(BList.of(BString.of("spam"), BString.of("eggs"))));
        assertEquals("d3:cow3:moo4:spam4:eggse",
                encode(BDictionary.builder().put("spam", "eggs").put("cow", "moo").build()));
        assertEquals("d4:spaml1:a1:bee",
                encode(BDictionary.builder().put("spam", BList.of(BString.of("a"), BString.of("b"))).build()));
    }

    @Test
    void keysAreSortedAsUnsignedBytes() {
        BDictionary d = BDictionary.builder()
                .put(new byte[] {(byte) 0x80}, BInteger.of(1))
                .put(new byte[] {0x7f}, BInteger.of(2))
                .put("", BInteger.of(3))
                .build();
        byte[] expected = {'d', '0', ':', 'i', '3', 'e', '1', ':', 0x7f, 'i', '2', 'e', '1', ':', (byte) 0x80, 'i', '1', 'e', 'e'};
        assertArrayEquals(expected, BencodeEncoder.encode(d));
    }

    @Test
    void lastPutWins() {
        assertEquals("d1:ai2ee", encode(BDictionary.builder().put("a", 1).put("a", 2).build()));
    }

    @Test
    void nestedLenientValuesAreReencodedCanonically() {
        BValue lenient = BencodeDecoder.lenient().decode("d1:zi007e1:ad1:yi-0e1:xle0:i1eee".getBytes(US_ASCII));
        BValue wrapped = BList.of(lenient);
        assertEquals("ld1:ad0:i1e1:xle1:yi0ee1:zi7eee", encode(wrapped));
    }

    @Test
    void writesToStreamsAndByteBufs() throws IOException {
        BValue v = BencodeDecoder.lenient().decode("d1:bi1e1:a0:e".getBytes(US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BencodeEncoder.encode(v, out);
        assertEquals("d1:a0:1:bi1ee", out.toString(US_ASCII));

        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeByte('!');
            BencodeByteBufs.encode(v, buf);
            assertEquals("!d1:a0:1:bi1ee", buf.toString(US_ASCII));
        } finally {
            buf.release();
        }
    }
}
