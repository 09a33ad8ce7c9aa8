package dev.torrpedo.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

@AddLifecycleHook(JqwikNoLeaks.class)
class WireProperties {
    static final WireLimits LIMITS = WireLimits.DEFAULT;

    private static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }

    private static Arbitrary<byte[]> hashes() {
        return Arbitraries.integers().between(0, 8).flatMap(n -> bytes(32 * n, 32 * n));
    }

    /** Every record of {@link PeerMessage}, with arbitrary fields. */
    @Provide
    Arbitrary<PeerMessage> messages() {
        Arbitrary<Integer> i = Arbitraries.integers();
        Arbitrary<byte[]> root = bytes(32, 32);
        return Arbitraries.oneOf(List.of(
                Arbitraries.of(PeerMessage.KEEP_ALIVE, PeerMessage.CHOKE, PeerMessage.UNCHOKE, PeerMessage.INTERESTED,
                        PeerMessage.NOT_INTERESTED, PeerMessage.HAVE_ALL, PeerMessage.HAVE_NONE),
                i.map(PeerMessage.Have::new),
                bytes(0, 300).map(PeerMessage.Bitfield::new),
                Combinators.combine(i, i, i).as(PeerMessage.Request::new),
                Combinators.combine(i, i, bytes(0, 2000)).as((p, b, d) -> new PeerMessage.Piece(p, b, Unpooled.wrappedBuffer(d))),
                Combinators.combine(i, i, i).as(PeerMessage.Cancel::new),
                Arbitraries.integers().between(0, 65535).map(PeerMessage.Port::new),
                i.map(PeerMessage.Suggest::new),
                Combinators.combine(i, i, i).as(PeerMessage.Reject::new),
                i.map(PeerMessage.AllowedFast::new),
                Combinators.combine(Arbitraries.integers().between(0, 255), bytes(0, 300)).as(PeerMessage.Extended::new),
                Combinators.combine(root, i, i, i, i).as(PeerMessage.HashRequest::new),
                Combinators.combine(root, i, i, i, i, hashes()).as(PeerMessage.Hashes::new),
                Combinators.combine(root, i, i, i, i).as(PeerMessage.HashReject::new),
                Combinators.combine(Arbitraries.integers().between(24, 255), bytes(0, 100)).as(PeerMessage.Unknown::new)));
    }

    @Property(tries = 2000)
    void everyMessageSurvivesARoundTrip(@ForAll("messages") PeerMessage m) {
        ByteBuf buf = Unpooled.buffer();
        try {
            PeerMessageEncoder.encode(m, buf);
            assertEquals(PeerMessageEncoder.frameLength(m), buf.readableBytes());
            PeerMessage back = PeerMessageDecoder.decode(buf, LIMITS);
            assertEquals(m, back);
            assertEquals(m.type(), back.type());
            assertTrue(!buf.isReadable());
            ReferenceCountUtil.release(back);
        } finally {
            buf.release();
            ReferenceCountUtil.release(m);
        }
    }

    /** Whatever the bytes, the decoder returns messages or fails with its declared exceptions; what it decodes re-encodes byte for byte. */
    @Property(tries = 3000)
    void arbitraryBytesRaiseOnlyTheDeclaredExceptions(@ForAll @Size(max = 400) byte[] input,
                                                      @ForAll @IntRange(min = 9, max = 200) int maxBlock) {
        WireLimits small = new WireLimits(256, maxBlock, 100, 1000, 100, 100);
        ByteBuf in = Unpooled.wrappedBuffer(input);
        ByteBuf again = Unpooled.buffer();
        try {
            for (PeerMessage m = PeerMessageDecoder.decode(in, small); m != null; m = PeerMessageDecoder.decode(in, small)) {
                PeerMessageEncoder.encode(m, again);
                ReferenceCountUtil.release(m);
            }
            assertArrayEquals(Arrays.copyOf(input, in.readerIndex()), Wire.bytes(again));
        } catch (LimitExceededException | MalformedMessageException expected) {
            // declared
        } finally {
            in.release();
            again.release();
        }
    }

    @Property(tries = 1000)
    void handshakesSurviveARoundTrip(@ForAll long reserved, @ForAll @Size(20) byte[] sha1, @ForAll @Size(32) byte[] sha256,
                                     @ForAll @Size(20) byte[] id, @ForAll @IntRange(max = 2) int kind, @ForAll boolean truncated) {
        InfoHash h = kind == 0 ? InfoHash.v1(sha1) : kind == 1 ? InfoHash.v2(sha256) : InfoHash.hybrid(sha1, sha256);
        boolean v2Form = kind == 1 || (kind == 2 && truncated);
        Handshake hs = new Handshake(new Reserved(reserved), h, v2Form, PeerId.of(id));
        ByteBuf buf = Unpooled.buffer();
        hs.encode(buf);
        // a hybrid whose v1 hash equals its truncated v2 hash reads back as the v1 form: the bytes are the same
        boolean ambiguous = kind == 2 && Arrays.equals(sha1, Arrays.copyOf(sha256, 20));
        Handshake expected = ambiguous ? new Handshake(hs.reserved(), h, false, hs.peerId()) : hs;
        assertEquals(expected, HandshakeDecoder.decode(buf, TorrentLookup.only(h)));
        buf.release();
    }

    @Property(tries = 2000)
    void arbitraryBytesToTheHandshakeDecoderRaiseOnlyHandshakeException(@ForAll @Size(max = 100) byte[] input,
                                                                        @ForAll boolean realHeader) {
        byte[] bytes = input.clone();
        if (realHeader && bytes.length >= 20) {
            System.arraycopy(Handshake.HEADER, 0, bytes, 0, 20);
        }
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            Handshake h = HandshakeDecoder.decode(in, TorrentLookup.only(HandshakeTest.V1));
            assertTrue(h == null || h.infoHash().equals(HandshakeTest.V1));
        } catch (HandshakeException expected) {
            // declared
        } finally {
            in.release();
        }
    }

    @Property(tries = 300)
    void allowedFastSetsAreDistinctInRangeAndNested(@ForAll @Size(4) byte[] ip, @ForAll @Size(20) byte[] hash,
                                                    @ForAll @IntRange(min = 1, max = 5000) int pieces,
                                                    @ForAll @IntRange(max = 20) int k) throws Exception {
        InetAddress addr = InetAddress.getByAddress(ip);
        int[] a = AllowedFastSet.compute(addr, hash, pieces, k);
        int[] b = AllowedFastSet.compute(addr, hash, pieces, k + 1);
        assertEquals(Math.min(k, pieces), a.length);
        assertEquals(a.length, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(b).allMatch(x -> x >= 0 && x < pieces));
        assertArrayEquals(a, Arrays.copyOf(b, a.length));
    }
}
