package dev.torrpedo.bencode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BencodeProperties {

    @Provide
    Arbitrary<BValue> values() {
        return value(4);
    }

    private Arbitrary<BValue> value(int depth) {
        Arbitrary<BValue> strings = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(BString::of);
        Arbitrary<BValue> ints = Arbitraries.longs().map(BInteger::of);
        if (depth == 0) {
            return Arbitraries.oneOf(strings, ints);
        }
        Arbitrary<BValue> child = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<BValue> lists = child.list().ofMaxSize(5).map(BList::of);
        Arbitrary<BValue> dicts = Arbitraries.maps(Arbitraries.strings().ofMaxLength(8), child).ofMaxSize(5)
                .map(m -> BDictionary.builder().putAll(m).build());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, strings), net.jqwik.api.Tuple.of(3, ints),
                net.jqwik.api.Tuple.of(1, lists), net.jqwik.api.Tuple.of(1, dicts));
    }

    @Property
    void decodeOfEncodeIsIdentity(@ForAll("values") BValue v) {
        byte[] encoded = BencodeEncoder.encode(v);
        BValue decoded = BencodeDecoder.strict().decode(encoded);
        assertEquals(v, decoded);
        assertEquals(v.hashCode(), decoded.hashCode());
        assertEquals(v.kind(), decoded.kind());
    }

    @Property
    void encodingIsCanonicalAndStable(@ForAll("values") BValue v) {
        byte[] encoded = BencodeEncoder.encode(v);
        // strictly valid, so canonical; re-encoding a strictly valid input gives the same bytes
        byte[] again = BencodeEncoder.encode(BencodeDecoder.strict().decode(encoded));
        assertArrayEquals(encoded, again);
        assertArrayEquals(encoded, v.rawBytes());
    }

    @Property
    void shuffledDictionariesDecodeLenientlyToTheSameValue(@ForAll("values") BValue v, @ForAll long seed) {
        byte[] shuffled = Shuffler.shuffleKeys(BencodeEncoder.encode(v), new java.util.Random(seed));
        BValue lenient = BencodeDecoder.lenient().decode(shuffled);
        assertEquals(v, lenient);
        assertArrayEquals(shuffled, lenient.rawBytes());
        assertArrayEquals(BencodeEncoder.encode(v), BencodeEncoder.encode(lenient));
    }

    @Property(tries = 2000)
    void arbitraryBytesRaiseOnlyBencodeException(@ForAll byte[] input) {
        for (BencodeDecoder d : List.of(BencodeDecoder.strict(), BencodeDecoder.lenient())) {
            try {
                BValue v = d.decode(input);
                // what decodes must re-encode and decode again to an equal value
                assertEquals(v, BencodeDecoder.strict().decode(BencodeEncoder.encode(v)));
            } catch (BencodeException expected) {
                // the only failure allowed; its offset lies within the input
                assertEquals(true, expected.offset() >= 0 && expected.offset() <= input.length, expected.getMessage());
            }
        }
    }

    @Property(tries = 2000)
    void mutatedValidInputRaisesOnlyBencodeException(@ForAll("values") BValue v, @ForAll int where, @ForAll byte what) {
        byte[] in = BencodeEncoder.encode(v);
        in[Math.floorMod(where, in.length)] = what;
        try {
            BencodeDecoder.lenient().decode(in);
        } catch (BencodeException expected) {
            assertEquals(true, expected.offset() >= 0 && expected.offset() <= in.length);
        }
    }

    /** Re-orders the keys of every dictionary in a canonical encoding. */
    static final class Shuffler {
        private Shuffler() {
        }

        static byte[] shuffleKeys(byte[] canonical, java.util.Random random) {
            BValue v = BencodeDecoder.strict().decode(canonical);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            write(v, out, random);
            return out.toByteArray();
        }

        private static void write(BValue v, java.io.ByteArrayOutputStream out, java.util.Random random) {
            switch (v.kind()) {
                case STRING:
                case INTEGER:
                    out.writeBytes(v.rawBytes());
                    break;
                case LIST:
                    out.write('l');
                    for (BValue e : v.asList()) {
                        write(e, out, random);
                    }
                    out.write('e');
                    break;
                default:
                    List<BDictionary.Entry> entries = new ArrayList<>(v.asDictionary().entries());
                    java.util.Collections.shuffle(entries, random);
                    out.write('d');
                    for (BDictionary.Entry e : entries) {
                        out.writeBytes(e.key().rawBytes());
                        write(e.value(), out, random);
                    }
                    out.write('e');
                    break;
            }
        }
    }
}
