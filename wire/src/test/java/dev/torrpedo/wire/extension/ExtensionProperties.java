package dev.torrpedo.wire.extension;

import dev.torrpedo.wire.JqwikNoLeaks;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torrpedo.wire.LimitExceededException;
import dev.torrpedo.wire.MalformedMessageException;
import dev.torrpedo.wire.WireLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

@AddLifecycleHook(JqwikNoLeaks.class)
class ExtensionProperties {
    static final WireLimits LIMITS = WireLimits.DEFAULT;

    static Arbitrary<InetAddress> addresses() {
        Arbitrary<byte[]> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4);
        // 2000::/3 keeps clear of IPv4-mapped addresses, which Java turns into IPv4 ones
        Arbitrary<byte[]> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16).map(b -> {
            b[0] = (byte) (0x20 | (b[0] & 0x1F));
            return b;
        });
        return Arbitraries.oneOf(v4, v6).map(b -> {
            try {
                return InetAddress.getByAddress(b);
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        });
    }

    static Arbitrary<InetSocketAddress> sockets() {
        return Combinators.combine(addresses(), Arbitraries.integers().between(0, 65535)).as(InetSocketAddress::new);
    }

    static List<PexPeer> v4First(List<PexPeer> peers) {
        List<PexPeer> out = new ArrayList<>();
        peers.stream().filter(p -> p.address().getAddress().getAddress().length == 4).forEach(out::add);
        peers.stream().filter(p -> p.address().getAddress().getAddress().length == 16).forEach(out::add);
        return out;
    }

    /** Every {@link ExtensionMessage} record, with arbitrary valid fields. */
    @Provide
    Arbitrary<ExtensionMessage> messages() {
        Arbitrary<Integer> piece = Arbitraries.integers().between(0, 1919);
        Arbitrary<ExtensionMessage> handshake = Combinators.combine(
                Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(12), Arbitraries.integers().between(0, 255))
                        .ofMaxSize(8),
                Arbitraries.integers().between(1, 65535).optional(),
                Arbitraries.strings().ofMaxLength(30).optional(),
                addresses().optional(),
                Arbitraries.integers().between(1, 100_000).optional(),
                Arbitraries.longs().between(0, LIMITS.maxMetadataSize()).optional(),
                Arbitraries.of(true, false))
                .as((m, p, v, ip, q, size, up) -> new ExtendedHandshake(m,
                        p.map(OptionalInt::of).orElse(OptionalInt.empty()), v, ip,
                        q.map(OptionalInt::of).orElse(OptionalInt.empty()),
                        size.map(OptionalLong::of).orElse(OptionalLong.empty()), up));
        // a data message's total_size may reach 30 MiB (the default limit) but not pass it
        Arbitrary<ExtensionMessage> data = Combinators.combine(Arbitraries.integers().between(0, 1918 - 1),
                Arbitraries.integers().between(1, 16384),
                Arbitraries.integers().between(0, 3)).as((p, len, extra) -> {
                    boolean last = extra == 0;
                    int total = p * 16384 + (last ? len : 16384 + len);
                    return new MetadataData(p, total, new byte[last ? len : 16384]);
                });
        Arbitrary<PexPeer> added = Combinators.combine(sockets(), Arbitraries.integers().between(0, 255)).as(PexPeer::new);
        Arbitrary<PexPeer> dropped = sockets().map(s -> new PexPeer(s, 0));
        Arbitrary<ExtensionMessage> pex = Combinators.combine(added.list().ofMaxSize(30), dropped.list().ofMaxSize(30))
                .as((a, d) -> new Pex(v4First(a), v4First(d)));
        Arbitrary<ExtensionMessage> holepunch = Combinators.combine(Arbitraries.of(Holepunch.Type.class), sockets(),
                Arbitraries.integers()).as(Holepunch::new);
        return Arbitraries.oneOf(List.of(handshake, piece.map(MetadataRequest::new), piece.map(MetadataReject::new), data,
                pex, Arbitraries.integers().map(DontHave::new), Arbitraries.of(true, false).map(UploadOnly::new),
                holepunch));
    }

    @Property(tries = 2000)
    void everyExtensionMessageSurvivesARoundTrip(@ForAll("messages") ExtensionMessage m) {
        byte[] bytes = ExtensionCodec.encode(m);
        assertEquals(Optional.of(m), ExtensionCodec.decode(m.name(), bytes, LIMITS));
        ExtensionRegistry r = ExtensionRegistry.defaults().withRemote(ExtensionRegistry.defaults().local());
        assertEquals(Optional.of(m), ExtensionCodec.fromWire(ExtensionCodec.toWire(m, r), r, LIMITS));
    }

    @Property(tries = 3000)
    void arbitraryBytesRaiseOnlyTheDeclaredExceptions(@ForAll @Size(max = 300) byte[] input) {
        for (String name : List.of("handshake", "ut_metadata", "ut_pex", "lt_donthave", "upload_only", "ut_holepunch")) {
            try {
                ExtensionCodec.decode(name, input, new WireLimits(1 << 20, 16384, 200, 5000, 200, 200));
            } catch (MalformedMessageException | LimitExceededException expected) {
                // declared
            }
        }
    }

    /** Bencoded dictionaries with the right keys and wrong values, which reach deeper than random bytes. */
    @Property(tries = 2000)
    void dictionariesWithWrongValuesRaiseOnlyTheDeclaredExceptions(
            @ForAll("values") Object msgType, @ForAll("values") Object piece, @ForAll("values") Object total,
            @ForAll("values") Object added, @ForAll("values") Object m) {
        byte[] meta = bencode(Map.of("msg_type", msgType, "piece", piece, "total_size", total));
        byte[] pex = bencode(Map.of("added", added, "added.f", piece, "dropped6", total));
        byte[] hs = bencode(Map.of("m", m, "metadata_size", total, "yourip", added));
        for (Object[] c : new Object[][] {{"ut_metadata", meta}, {"ut_pex", pex}, {"handshake", hs}}) {
            try {
                ExtensionCodec.decode((String) c[0], (byte[]) c[1], LIMITS);
            } catch (MalformedMessageException | LimitExceededException expected) {
                // declared
            }
        }
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.longs().between(-2, 40_000_000).map(l -> (Object) l),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> (Object) b),
                Arbitraries.just(List.of()), Arbitraries.just(Map.of("ut_pex", 1L, "x", "y".getBytes())));
    }

    private static byte[] bencode(Map<String, Object> map) {
        dev.torrpedo.bencode.BDictionary.Builder b = dev.torrpedo.bencode.BDictionary.builder();
        map.forEach((k, v) -> b.put(k, value(v)));
        return dev.torrpedo.bencode.BencodeEncoder.encode(b.build());
    }

    private static dev.torrpedo.bencode.BValue value(Object v) {
        if (v instanceof Long l) {
            return dev.torrpedo.bencode.BInteger.of(l);
        }
        if (v instanceof byte[] b) {
            return dev.torrpedo.bencode.BString.of(b);
        }
        if (v instanceof List<?>) {
            return dev.torrpedo.bencode.BList.of();
        }
        dev.torrpedo.bencode.BDictionary.Builder b = dev.torrpedo.bencode.BDictionary.builder();
        ((Map<?, ?>) v).forEach((k, x) -> b.put((String) k, value(x)));
        return b.build();
    }
}
