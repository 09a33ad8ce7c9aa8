package dev.torrpedo.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * Splits the stream after the handshake into frames and decodes each into a
 * {@link PeerMessage}:
 *
 * <pre>
 * +----------------------+---------+-----------------------+
 * | length (4 bytes, BE) | id (1)  | payload (length - 1)  |
 * +----------------------+---------+-----------------------+
 * </pre>
 *
 * The length is checked against {@link WireLimits#maxMessageLength()} as soon as its four
 * bytes arrive, and a {@code piece} frame against {@link WireLimits#maxBlockLength()} + 9
 * as soon as its id arrives, so a hostile length never makes the decoder wait for, or
 * buffer, more than the limit. Fixed-length messages must have exactly their length.
 *
 * <p>{@code piece} blocks are retained slices of the input: nothing is copied. See
 * {@link PeerMessage} for who releases them. The parsing is
 * {@link #decode(ByteBuf, WireLimits)}: pure, and usable without a pipeline.
 */
public final class PeerMessageDecoder extends ByteToMessageDecoder {
    private final WireLimits limits;
    private boolean failed;

    /** @param limits the limits to enforce */
    public PeerMessageDecoder(WireLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        // Reads are joined without copying them: piece blocks stay slices of the socket's
        // read buffers (a block split across two reads is copied, alone; see parse).
        setCumulator(COMPOSITE_CUMULATOR);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes()); // the connection is closing: drop what is still arriving
            return;
        }
        try {
            for (;;) {
                PeerMessage m = decode(in, limits);
                if (m == null) {
                    return;
                }
                out.add(m);
            }
        } catch (WireException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /**
     * Decodes one frame from {@code in} if it is all there.
     *
     * @return the message, its frame consumed; or {@code null} if more bytes are needed (nothing consumed)
     * @throws LimitExceededException    if the length is over a limit
     * @throws MalformedMessageException if a fixed-length message has another length
     */
    public static PeerMessage decode(ByteBuf in, WireLimits limits) {
        int r = in.readerIndex();
        int avail = in.readableBytes();
        if (avail < 4) {
            return null;
        }
        long length = in.getUnsignedInt(r);
        if (length > limits.maxMessageLength()) {
            throw new LimitExceededException("message length", length, limits.maxMessageLength());
        }
        if (length == 0) {
            in.skipBytes(4);
            return PeerMessage.KEEP_ALIVE;
        }
        if (avail < 5) {
            return null;
        }
        int id = in.getUnsignedByte(r + 4);
        MessageType type = MessageType.ofId(id);
        int payload = (int) length - 1;
        checkLength(type, payload, limits);
        if (avail - 4 < length) {
            return null;
        }
        int p = r + 5;
        PeerMessage m = parse(type, id, in, p, payload);
        in.readerIndex(p + payload);
        return m;
    }

    private static void checkLength(MessageType type, int payload, WireLimits limits) {
        int fixed = type.payloadLength();
        if (fixed >= 0 && payload != fixed) {
            throw new MalformedMessageException(name(type) + ".length", (payload + 1) + " (expected: " + (fixed + 1) + ")");
        }
        switch (type) {
            case PIECE:
                if (payload < 8) {
                    throw new MalformedMessageException("piece.length", (payload + 1) + " (expected: >= 9)");
                }
                if (payload - 8 > limits.maxBlockLength()) {
                    throw new LimitExceededException("piece.block", payload - 8, limits.maxBlockLength());
                }
                break;
            case EXTENDED:
                if (payload < 1) {
                    throw new MalformedMessageException("extended.length", "1 (expected: >= 2)");
                }
                break;
            case HASHES:
                if (payload < 48 || (payload - 48) % 32 != 0) {
                    throw new MalformedMessageException("hashes.length", (payload + 1)
                            + " (expected: 49 + a multiple of 32)");
                }
                break;
            default:
                break;
        }
    }

    private static PeerMessage parse(MessageType type, int id, ByteBuf in, int p, int payload) {
        switch (type) {
            case CHOKE:
                return PeerMessage.CHOKE;
            case UNCHOKE:
                return PeerMessage.UNCHOKE;
            case INTERESTED:
                return PeerMessage.INTERESTED;
            case NOT_INTERESTED:
                return PeerMessage.NOT_INTERESTED;
            case HAVE:
                return new PeerMessage.Have(in.getInt(p));
            case BITFIELD:
                return new PeerMessage.Bitfield(bytes(in, p, payload));
            case REQUEST:
                return new PeerMessage.Request(in.getInt(p), in.getInt(p + 4), in.getInt(p + 8));
            case PIECE:
                return new PeerMessage.Piece(in.getInt(p), in.getInt(p + 4), block(in, p + 8, payload - 8));
            case CANCEL:
                return new PeerMessage.Cancel(in.getInt(p), in.getInt(p + 4), in.getInt(p + 8));
            case PORT:
                return new PeerMessage.Port(in.getUnsignedShort(p));
            case SUGGEST:
                return new PeerMessage.Suggest(in.getInt(p));
            case HAVE_ALL:
                return PeerMessage.HAVE_ALL;
            case HAVE_NONE:
                return PeerMessage.HAVE_NONE;
            case REJECT:
                return new PeerMessage.Reject(in.getInt(p), in.getInt(p + 4), in.getInt(p + 8));
            case ALLOWED_FAST:
                return new PeerMessage.AllowedFast(in.getInt(p));
            case EXTENDED:
                return new PeerMessage.Extended(in.getUnsignedByte(p), bytes(in, p + 1, payload - 1));
            case HASH_REQUEST:
                return new PeerMessage.HashRequest(bytes(in, p, 32), in.getInt(p + 32), in.getInt(p + 36),
                        in.getInt(p + 40), in.getInt(p + 44));
            case HASHES:
                return new PeerMessage.Hashes(bytes(in, p, 32), in.getInt(p + 32), in.getInt(p + 36),
                        in.getInt(p + 40), in.getInt(p + 44), bytes(in, p + 48, payload - 48));
            case HASH_REJECT:
                return new PeerMessage.HashReject(bytes(in, p, 32), in.getInt(p + 32), in.getInt(p + 36),
                        in.getInt(p + 40), in.getInt(p + 44));
            case UNKNOWN:
                return new PeerMessage.Unknown(id, bytes(in, p, payload));
            case KEEP_ALIVE:
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * A piece's block as a slice of {@code in} when it lies in one of its buffers; a block
     * that spans two (a composite of socket reads) is copied into one buffer of its own, so
     * that storage can write it as one {@link java.nio.ByteBuffer} without merging it there.
     */
    private static ByteBuf block(ByteBuf in, int index, int length) {
        if (length == 0 || !(in instanceof CompositeByteBuf)) {
            return in.retainedSlice(index, length);
        }
        CompositeByteBuf c = (CompositeByteBuf) in;
        if (c.toComponentIndex(index) == c.toComponentIndex(index + length - 1)) {
            return in.retainedSlice(index, length);
        }
        ByteBuf copy = in.alloc().directBuffer(length, length);
        in.getBytes(index, copy, 0, length); // component by component (writeBytes would merge them first)
        return copy.writerIndex(length);
    }

    private static byte[] bytes(ByteBuf in, int index, int length) {
        byte[] b = new byte[length];
        in.getBytes(index, b);
        return b;
    }

    private static String name(MessageType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
