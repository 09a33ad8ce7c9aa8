package dev.torrpedo.engine;

import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.PeerMessageEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any sequence of well-formed messages with values in or out of range (pieces past the end,
 * requests across piece ends, blocks nobody asked for, bitfields of the wrong size, extended
 * messages with junk) leaves a seeding session sound: the peer is dropped or served, and
 * forgotten when it hangs up.
 */
class PeerInputProperties {
    private static HostileInput target;

    @BeforeContainer
    static void start() {
        target = new HostileInput();
    }

    @AfterContainer
    static void stop() {
        target.close();
    }

    @Property(tries = 60)
    void anyMessagesLeaveTheSessionSound(@ForAll("messages") List<PeerMessage> messages) {
        ByteBuf out = Unpooled.buffer();
        try {
            for (PeerMessage m : messages) {
                PeerMessageEncoder.encode(m, out);
            }
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            target.send(bytes);
        } finally {
            out.release();
            for (PeerMessage m : messages) {
                if (m instanceof PeerMessage.Piece p) {
                    p.release();
                }
            }
        }
    }

    @Provide
    Arbitrary<List<PeerMessage>> messages() {
        Arbitrary<Integer> piece = Arbitraries.oneOf(Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(-5, Integer.MAX_VALUE));
        Arbitrary<Integer> begin = Arbitraries.oneOf(Arbitraries.of(0, 16384, 16384 * 2, 32 * 1024 - 1),
                Arbitraries.integers().between(-1, 1 << 20));
        Arbitrary<Integer> length = Arbitraries.oneOf(Arbitraries.of(16384, 100, 1), Arbitraries.integers().between(-1, 1 << 17));
        Arbitrary<PeerMessage> m = Arbitraries.oneOf(
                Arbitraries.of(PeerMessage.KEEP_ALIVE, PeerMessage.CHOKE, PeerMessage.UNCHOKE, PeerMessage.INTERESTED,
                        PeerMessage.NOT_INTERESTED, PeerMessage.HAVE_ALL, PeerMessage.HAVE_NONE),
                piece.map(PeerMessage.Have::new),
                piece.map(PeerMessage.Suggest::new),
                piece.map(PeerMessage.AllowedFast::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(4).map(PeerMessage.Bitfield::new),
                net.jqwik.api.Combinators.combine(piece, begin, length).as(PeerMessage.Request::new),
                net.jqwik.api.Combinators.combine(piece, begin, length).as(PeerMessage.Cancel::new),
                net.jqwik.api.Combinators.combine(piece, begin, length).as(PeerMessage.Reject::new),
                net.jqwik.api.Combinators.combine(piece, begin, Arbitraries.integers().between(0, 16384))
                        .as((p, b, n) -> new PeerMessage.Piece(p, b, Unpooled.wrappedBuffer(new byte[n]))),
                net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 255),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).as(PeerMessage.Extended::new));
        return m.list().ofMaxSize(40);
    }
}
