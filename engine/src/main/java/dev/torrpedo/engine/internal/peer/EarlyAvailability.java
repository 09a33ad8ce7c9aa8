package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.metainfo.TorrentLimits;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.WireException;
import io.netty.util.ReferenceCountUtil;
import java.util.BitSet;

/**
 * The messages about pieces that come before we know the torrent's pieces (a magnet link's
 * metadata is still being fetched): what the peer says it has (its bitfield, HAVE_ALL or
 * HAVE_NONE, its HAVEs) is kept until the picker exists and then handed to it; its requests
 * are rejected (we have nothing yet), blocks nobody asked for are dropped, and the rest
 * (cancels, rejects, allowed-fast, suggestions) ignored. Memory is bounded by the largest
 * torrent's piece count ({@link TorrentLimits#DEFAULT}): a HAVE past it is a protocol
 * violation at once, a bitfield of the wrong size one when it is applied.
 *
 * <p>Not thread-safe: the connection's event loop owns it.
 */
final class EarlyAvailability {
    /** The most pieces a torrent may have, so the highest HAVE we keep. */
    static final int MAX_PIECES = TorrentLimits.DEFAULT.maxPieces();

    private byte[] bitfield;
    private boolean all;
    private final BitSet haves = new BitSet();

    /**
     * Handles {@code m} if it is about pieces.
     *
     * @param fast whether the connection speaks the fast extension (BEP 6)
     * @return false for the messages the connection handles as usual (choke, interest,
     *         extensions, PORT, keep-alive)
     */
    boolean takes(PeerMessage m, boolean fast, PeerConnection connection) {
        switch (m.type()) {
            case HAVE: {
                String violation = have(((PeerMessage.Have) m).piece());
                if (violation != null) {
                    connection.violation(violation);
                }
                return true;
            }
            case BITFIELD:
                bitfield(((PeerMessage.Bitfield) m).bits());
                return true;
            case HAVE_ALL:
                haveAll();
                return true;
            case HAVE_NONE:
                haveNone();
                return true;
            case REQUEST:
                if (fast) {
                    PeerMessage.Request r = (PeerMessage.Request) m;
                    connection.send(new PeerMessage.Reject(r.piece(), r.begin(), r.length()));
                }
                return true;
            case PIECE:
                ReferenceCountUtil.release(m);
                return true;
            case CANCEL:
            case REJECT:
            case ALLOWED_FAST:
            case SUGGEST:
                return true;
            default:
                return false;
        }
    }

    /** BITFIELD: replaces what was said before. */
    void bitfield(byte[] bits) {
        bitfield = bits;
        all = false;
    }

    /** HAVE_ALL. */
    void haveAll() {
        all = true;
        bitfield = null;
    }

    /** HAVE_NONE. */
    void haveNone() {
        all = false;
        bitfield = null;
        haves.clear();
    }

    /** @return null, or the violation if {@code piece} cannot be a piece of any torrent */
    String have(int piece) {
        if (piece < 0 || piece >= MAX_PIECES) {
            return "have " + piece + " (expected: 0.." + (MAX_PIECES - 1) + ")";
        }
        haves.set(piece);
        return null;
    }

    /** @return whether the peer said it has everything */
    boolean hasAll() {
        return all;
    }

    /**
     * Tells the picker, now that the torrent has {@code pieceCount} pieces.
     *
     * @return null, or the violation (a bitfield or a HAVE that does not fit the torrent)
     */
    String applyTo(PiecePicker picker, PickerPeer peer, int pieceCount) {
        if (all) {
            picker.peerHasAll(peer);
            return null;
        }
        if (bitfield != null) {
            try {
                new PeerMessage.Bitfield(bitfield).checkPieceCount(pieceCount);
            } catch (WireException e) {
                return "protocol: " + e.getMessage();
            }
            picker.peerBitfield(peer, bitfield);
        }
        if (!haves.isEmpty() && haves.length() > pieceCount) {
            return "have " + (haves.length() - 1) + " of a torrent of " + pieceCount + " pieces";
        }
        for (int i = haves.nextSetBit(0); i >= 0; i = haves.nextSetBit(i + 1)) {
            picker.peerHas(peer, i);
        }
        return null;
    }
}
