package dev.torrpedo.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Encodes {@link PeerMessage}s into frames (the layout is on {@link PeerMessageDecoder}).
 * A {@link PeerMessage.Piece} becomes a 13-byte header followed by its block itself, not a
 * copy; the encoder takes over the reference the writer held and releases it once written.
 * Stateless and {@link ChannelHandler.Sharable}.
 */
@ChannelHandler.Sharable
public final class PeerMessageEncoder extends MessageToMessageEncoder<PeerMessage> {

    /** Creates the encoder. */
    public PeerMessageEncoder() {
        super(PeerMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, PeerMessage msg, List<Object> out) {
        if (msg instanceof PeerMessage.Piece p) {
            out.add(pieceHeader(ctx.alloc(), p));
            out.add(p.block().retain());
        } else {
            ByteBuf buf = ctx.alloc().buffer(frameLength(msg));
            encode(msg, buf);
            out.add(buf);
        }
    }

    /** @return a 13-byte buffer holding the frame header of {@code piece}: its length, id, index and begin */
    public static ByteBuf pieceHeader(ByteBufAllocator alloc, PeerMessage.Piece piece) {
        ByteBuf h = alloc.buffer(13, 13);
        h.writeInt(9 + piece.block().readableBytes());
        h.writeByte(MessageType.PIECE.id());
        h.writeInt(piece.piece());
        h.writeInt(piece.begin());
        return h;
    }

    /** @return the number of bytes {@code msg} takes on the wire, length prefix included */
    public static int frameLength(PeerMessage msg) {
        int fixed = msg.type().payloadLength();
        if (msg.type() == MessageType.KEEP_ALIVE) {
            return 4;
        }
        if (fixed >= 0) {
            return 5 + fixed;
        }
        if (msg instanceof PeerMessage.Bitfield b) {
            return 5 + b.bits().length;
        }
        if (msg instanceof PeerMessage.Piece p) {
            return 13 + p.block().readableBytes();
        }
        if (msg instanceof PeerMessage.Extended e) {
            return 6 + e.payload().length;
        }
        if (msg instanceof PeerMessage.Hashes h) {
            return 53 + h.hashes().length;
        }
        if (msg instanceof PeerMessage.Unknown u) {
            return 5 + u.payload().length;
        }
        throw new AssertionError(msg);
    }

    /**
     * Writes the whole frame of {@code msg} to {@code out}, a {@code piece} block copied
     * (the pipeline avoids that copy; this is for tests and tools). Leaves a piece's
     * reference count alone.
     */
    public static void encode(PeerMessage msg, ByteBuf out) {
        out.ensureWritable(frameLength(msg));
        if (msg.type() == MessageType.KEEP_ALIVE) {
            out.writeInt(0);
            return;
        }
        out.writeInt(frameLength(msg) - 4);
        out.writeByte(msg.type() == MessageType.UNKNOWN ? ((PeerMessage.Unknown) msg).id() : msg.type().id());
        switch (msg.type()) {
            case HAVE:
                out.writeInt(((PeerMessage.Have) msg).piece());
                break;
            case BITFIELD:
                out.writeBytes(((PeerMessage.Bitfield) msg).bits());
                break;
            case REQUEST: {
                PeerMessage.Request r = (PeerMessage.Request) msg;
                out.writeInt(r.piece()).writeInt(r.begin()).writeInt(r.length());
                break;
            }
            case PIECE: {
                PeerMessage.Piece p = (PeerMessage.Piece) msg;
                out.writeInt(p.piece()).writeInt(p.begin());
                out.writeBytes(p.block(), p.block().readerIndex(), p.block().readableBytes());
                break;
            }
            case CANCEL: {
                PeerMessage.Cancel c = (PeerMessage.Cancel) msg;
                out.writeInt(c.piece()).writeInt(c.begin()).writeInt(c.length());
                break;
            }
            case PORT:
                out.writeShort(((PeerMessage.Port) msg).port());
                break;
            case SUGGEST:
                out.writeInt(((PeerMessage.Suggest) msg).piece());
                break;
            case REJECT: {
                PeerMessage.Reject r = (PeerMessage.Reject) msg;
                out.writeInt(r.piece()).writeInt(r.begin()).writeInt(r.length());
                break;
            }
            case ALLOWED_FAST:
                out.writeInt(((PeerMessage.AllowedFast) msg).piece());
                break;
            case EXTENDED: {
                PeerMessage.Extended e = (PeerMessage.Extended) msg;
                out.writeByte(e.extendedId()).writeBytes(e.payload());
                break;
            }
            case HASH_REQUEST: {
                PeerMessage.HashRequest h = (PeerMessage.HashRequest) msg;
                writeHashFields(out, h.piecesRoot(), h.baseLayer(), h.index(), h.length(), h.proofLayers());
                break;
            }
            case HASHES: {
                PeerMessage.Hashes h = (PeerMessage.Hashes) msg;
                writeHashFields(out, h.piecesRoot(), h.baseLayer(), h.index(), h.length(), h.proofLayers());
                out.writeBytes(h.hashes());
                break;
            }
            case HASH_REJECT: {
                PeerMessage.HashReject h = (PeerMessage.HashReject) msg;
                writeHashFields(out, h.piecesRoot(), h.baseLayer(), h.index(), h.length(), h.proofLayers());
                break;
            }
            case UNKNOWN:
                out.writeBytes(((PeerMessage.Unknown) msg).payload());
                break;
            default:
                break; // CHOKE, UNCHOKE, INTERESTED, NOT_INTERESTED, HAVE_ALL, HAVE_NONE: the id is all
        }
    }

    private static void writeHashFields(ByteBuf out, byte[] root, int baseLayer, int index, int length, int proofLayers) {
        out.writeBytes(root).writeInt(baseLayer).writeInt(index).writeInt(length).writeInt(proofLayers);
    }
}
