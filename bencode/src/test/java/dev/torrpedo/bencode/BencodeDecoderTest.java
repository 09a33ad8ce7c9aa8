package dev.torrpedo.bencode;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class BencodeDecoderTest {

    private static BValue strict(String s) {
        return BencodeDecoder.strict().decode(s.getBytes(US_ASCII));
    }

    // ------------------------------------------------------------ BEP 3 golden vectors

    @Test
    void bep3Strings() {
        BString spam = strict("4:spam").asString();
        assertEquals("spam", spam.utf8());
        assertEquals(4, spam.length());
        assertEquals(0, strict("0:").asString().length());
    }

    @Test
    void bep3Integers() {
        assertEquals(3, strict("i3e").asInteger().value());
        assertEquals(-3, strict("i-3e").asInteger().value());
        assertEquals(0, strict("i0e").asInteger().value());
        assertEquals(Long.MAX_VALUE, strict("i9223372036854775807e").asInteger().value());
        assertEquals(Long.MIN_VALUE, strict("i-9223372036854775808e").asInteger().value());
    }

    @Test
    void bep3Lists() {
        BList list = strict("l4:spam4:eggse").asList();
        assertEquals(2, list.size());
        assertEquals("spam", list.get(0).asString().utf8());
        assertEquals("eggs", list.get(1).asString().utf8());
        assertTrue(strict("le").asList().isEmpty());
    }

    @Test
    void bep3Dictionaries() {
        BDictionary d = strict("d3:cow3:moo4:spam4:eggse").asDictionary();
        assertEquals(2, d.size());
        assertEquals("moo", d.getUtf8("cow"));
        assertEquals("eggs", d.getUtf8("spam"));
        BDictionary d2 = strict("d4:spaml1:a1:bee").asDictionary();
        assertEquals(List.of("a", "b"), d2.getList("spam").toList().stream().map(v -> v.asString().utf8()).toList());
    }

    // ------------------------------------------------------------ views and raw spans

    @Test
    void rawSpanIsTheExactInputBytes() {
        byte[] in = "d4:infod6:lengthi5e4:name1:xe3:zzzi1ee".getBytes(US_ASCII);
        BDictionary root = BencodeDecoder.strict().decode(in).asDictionary();
        BDictionary info = root.getDictionary("info");
        assertEquals("d6:lengthi5e4:name1:xe", new String(info.rawBytes(), US_ASCII));
        assertEquals(7, info.offset());
        ByteBuffer raw = info.raw();
        assertTrue(raw.isReadOnly());
        assertEquals(22, raw.remaining());
    }

    @Test
    void stringsAreNotCopied() {
        byte[] in = "l3:abce".getBytes(US_ASCII);
        BString s = BencodeDecoder.strict().decode(in).asList().get(0).asString();
        in[5] = 'X'; // the view reads the caller's array
        assertEquals("abX", s.utf8());
    }

    @Test
    void decodesARangeAndReportsOffsetsWithinIt() {
        byte[] in = "xxxxi1ei".getBytes(US_ASCII);
        assertEquals(1, BencodeDecoder.strict().decode(in, 4, 3).asInteger().value());
        BencodeException e = assertThrows(BencodeException.class, () -> BencodeDecoder.strict().decode(in, 4, 4));
        assertEquals(BencodeError.TRAILING_DATA, e.error());
        assertEquals(3, e.offset());
    }

    @Test
    void decodesByteBuffersHeapAndDirect() {
        byte[] bytes = "d1:ai1ee".getBytes(US_ASCII);
        ByteBuffer heap = ByteBuffer.wrap(bytes);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        assertEquals(1, BencodeDecoder.strict().decode(heap).asDictionary().getLong("a"));
        assertEquals(1, BencodeDecoder.strict().decode(direct).asDictionary().getLong("a"));
        assertEquals(0, direct.position());
    }

    @Test
    void prefixDecodeSaysWhereTheValueEnds() {
        // BEP 9: a ut_metadata data message is a dictionary followed by the piece bytes.
        byte[] in = "d8:msg_typei1e5:piecei0eeRAWBYTES".getBytes(US_ASCII);
        BencodeDecoder.Prefix p = BencodeDecoder.strict().decodePrefix(in, 0, in.length);
        assertEquals(25, p.length());
        assertEquals(1, p.value().asDictionary().getLong("msg_type"));
    }

    @Test
    void dictionaryKeysAreBytes() {
        byte[] in = "d2:\u00ff\u00fei7ee".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        BDictionary d = BencodeDecoder.strict().decode(in).asDictionary();
        assertEquals(7, d.get(new byte[] {(byte) 0xff, (byte) 0xfe}).asInteger().value());
        assertNull(d.get("nope"));
        assertFalse(d.containsKey("nope"));
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xfe}, d.entries().get(0).key().bytes());
    }

    @Test
    void typedGettersNameTheKey() {
        BDictionary d = strict("d4:name3:abc4:sizei-1ee").asDictionary();
        BencodeException missing = assertThrows(BencodeException.class, () -> d.getString("info"));
        assertEquals(BencodeError.MISSING_KEY, missing.error());
        assertEquals("info", missing.key());
        assertTrue(missing.getMessage().contains("'info'"), missing.getMessage());

        BencodeException wrong = assertThrows(BencodeException.class, () -> d.getLong("name"));
        assertEquals(BencodeError.WRONG_TYPE, wrong.error());
        assertEquals("name", wrong.key());
        assertEquals(7, wrong.offset());

        BencodeException range = assertThrows(BencodeException.class, () -> d.getLong("size", 0, Long.MAX_VALUE));
        assertEquals(BencodeError.VALUE_OUT_OF_RANGE, range.error());
        assertEquals("size", range.key());

        assertTrue(d.findString("comment").isEmpty());
        assertThrows(BencodeException.class, () -> d.findList("name"));
        assertEquals(BencodeError.WRONG_TYPE,
                assertThrows(BencodeException.class, () -> strict("i1e").asDictionary()).error());
    }

    @Test
    void listRandomAccessAndIteration() {
        BList l = strict("li0ei1ei2eli3eei4ee").asList();
        assertEquals(5, l.size());
        assertEquals(4, l.get(4).asInteger().value());
        assertEquals(3, l.get(3).asList().get(0).asInteger().value());
        int n = 0;
        for (BValue ignored : l) {
            n++;
        }
        assertEquals(5, n);
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(5));
    }

    @Test
    void utf8Helpers() {
        BString s = BString.of("h\u00e9llo \u2603");
        assertEquals("h\u00e9llo \u2603", s.utf8());
        assertTrue(s.isUtf8());
        assertTrue(s.contentEquals("h\u00e9llo \u2603"));
        assertFalse(BString.of(new byte[] {(byte) 0xc3}).isUtf8());
        assertFalse(BString.of(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}).isUtf8()); // surrogate
        assertFalse(BString.of(new byte[] {(byte) 0xc0, (byte) 0x80}).isUtf8()); // overlong
    }

    // ------------------------------------------------------------ strict and lenient

    @Test
    void lenientAcceptsWhatRealTorrentsContain() {
        BDictionary d = BencodeDecoder.lenient().decode("d1:bi1e1:ai02ee".getBytes(US_ASCII)).asDictionary();
        assertEquals(1, d.getLong("b"));
        assertEquals(2, d.getLong("a"));
        // its raw bytes stay what was received, its canonical encoding is sorted
        assertEquals("d1:bi1e1:ai02ee", new String(d.rawBytes(), US_ASCII));
        assertEquals("d1:ai2e1:bi1ee", new String(BencodeEncoder.encode(d), US_ASCII));
        assertEquals(strict("d1:ai2e1:bi1ee"), d);
        assertEquals(strict("d1:ai2e1:bi1ee").hashCode(), d.hashCode());
    }

    @Test
    void lenientStillRejectsDuplicatesAnywhereInAnUnsortedDictionary() {
        BencodeException e = assertThrows(BencodeException.class,
                () -> BencodeDecoder.lenient().decode("d1:ai1e1:ci1e1:bi1e1:ai2ee".getBytes(US_ASCII)));
        assertEquals(BencodeError.DUPLICATE_KEY, e.error());
        assertEquals(19, e.offset());
    }

    @Test
    void lookupInAnUnsortedDictionaryFindsEveryKey() {
        BDictionary d = BencodeDecoder.lenient().decode("d1:zi1e1:ai2e1:mi3ee".getBytes(US_ASCII)).asDictionary();
        assertEquals(1, d.getLong("z"));
        assertEquals(2, d.getLong("a"));
        assertEquals(3, d.getLong("m"));
    }

    @Test
    void rejectsUnsortedKeysInStrictMode() {
        BencodeException e = assertThrows(BencodeException.class, () -> strict("d1:bi1e1:ai2ee"));
        assertEquals(BencodeError.UNSORTED_KEYS, e.error());
        assertEquals(7, e.offset());
    }

    @Test
    void emptyListAndDictionaryEqualityAcrossKinds() {
        assertFalse(strict("le").equals(strict("de")));
        assertEquals(strict("le"), BList.of());
        assertEquals(strict("de"), BDictionary.builder().build());
    }

    @Test
    void deeplyNestedInputDoesNotOverflowTheStack() {
        int depth = 50_000_000; // 100 MB of "l...e"
        byte[] in = new byte[depth * 2];
        java.util.Arrays.fill(in, 0, depth, (byte) 'l');
        java.util.Arrays.fill(in, depth, 2 * depth, (byte) 'e');

        BencodeException e = assertThrows(BencodeException.class,
                () -> BencodeDecoder.of(BencodeLimits.DEFAULT.withMaxInputSize(Integer.MAX_VALUE), BencodeMode.STRICT).decode(in));
        assertEquals(BencodeError.DEPTH_EXCEEDED, e.error());
        assertEquals(100, e.offset());

        BencodeLimits unbounded = new BencodeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        BList root = BencodeDecoder.of(unbounded, BencodeMode.STRICT).decode(in).asList();
        BList l = root;
        int levels = 1;
        while (!l.isEmpty()) {
            l = l.get(0).asList();
            levels++;
        }
        assertEquals(depth, levels);
        assertEquals(root, root); // equality and hashing do not recurse
        assertEquals(2 * depth, BencodeEncoder.encode(root).length);
    }

    @Test
    void deeplyNestedLenientInputReencodesWithoutRecursion() {
        int depth = 200_000;
        StringBuilder sb = new StringBuilder();
        sb.append("d1:bi1e1:a".repeat(depth)).append("i0e").append("e".repeat(depth));
        BencodeLimits unbounded = new BencodeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
        BValue v = BencodeDecoder.of(unbounded, BencodeMode.LENIENT).decode(sb.toString().getBytes(US_ASCII));
        byte[] canonical = BencodeEncoder.encode(v);
        assertEquals(sb.length(), canonical.length);
        assertEquals("d1:ad1:ad1:a", new String(canonical, 0, 12, US_ASCII));
        assertSame(BValue.Kind.DICTIONARY, BencodeDecoder.of(unbounded, BencodeMode.STRICT).decode(canonical).kind());
    }
}
