package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.metainfo.TorrentLimits;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.WireException;
import java.util.BitSet;

/**
 * What a peer says it has before we know the torrent's pieces (a magnet link's metadata is
 * still being fetched): its bitfield, HAVE_ALL or HAVE_NONE, and its HAVEs, kept until the
 * picker exists and then handed to it. Memory is bounded by the largest torrent's piece
 * count ({@link TorrentLimits#DEFAULT}): a HAVE past it is a protocol violation at once, a
 * bitfield of the wrong size one when it is applied.
 *
 * <p>Not thread-safe: the connection's event loop owns it.
 */
final class EarlyAvailability {
    /** The most pieces a torrent may have, so the highest HAVE we keep. */
    static final int MAX_PIECES = TorrentLimits.DEFAULT.maxPieces();

    private byte[] bitfield;
    private boolean all;
    private final BitSet haves = new BitSet();

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
