package dev.torrpedo.engine.internal.picker;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a picker from strings, one character per piece, as libtorrent's picker tests do:
 * <pre>
 *   availability "1121111"  how many other peers have each piece ('0'..'9')
 *   have         "  x    "  pieces we already have (any non-space)
 *   priority     "7110000"  piece priorities ('0'..'7'); empty keeps the default
 *   partial      "  3    "  a hex mask of written blocks (bit 0 = block 0) per piece
 * </pre>
 * Pieces have {@link #BLOCKS} blocks, except that {@code lastPieceBytes} may shorten the last.
 */
final class PickerScenario {
    static final int BLOCKS = 4;
    static final int PIECE = BLOCKS * PieceGeometry.BLOCK_SIZE;

    final PiecePicker picker;
    final List<PickerPeer> others = new ArrayList<>();
    private final PickerPeer filler;

    private PickerScenario(PiecePicker picker) {
        this.picker = picker;
        this.filler = picker.newPeer();
    }

    static PickerScenario of(String availability, String have, String priority, String partial) {
        return of(availability, have, priority, partial, PIECE, 1);
    }

    static PickerScenario of(String availability, String have, String priority, String partial,
            int lastPieceBytes, long seed) {
        int n = availability.length();
        PieceGeometry g = new PieceGeometry((long) (n - 1) * PIECE + lastPieceBytes, PIECE);
        PickerScenario s = new PickerScenario(new PiecePicker(g, new SplittableRandom(seed)));
        int maxAvail = 0;
        for (char c : availability.toCharArray()) {
            maxAvail = Math.max(maxAvail, c - '0');
        }
        for (int j = 0; j < maxAvail; j++) {
            StringBuilder bits = new StringBuilder();
            for (char c : availability.toCharArray()) {
                bits.append(c - '0' > j ? 'x' : ' ');
            }
            PickerPeer peer = s.picker.newPeer();
            s.picker.peerBitfield(peer, bitfield(bits.toString()));
            s.others.add(peer);
        }
        for (int p = 0; p < partial.length(); p++) {
            char c = partial.charAt(p);
            if (c != ' ') {
                int mask = Character.digit(c, 16);
                for (int b = 0; b < BLOCKS; b++) {
                    if ((mask & (1 << b)) != 0) {
                        long a = BlockAddress.of(p, b);
                        if (!s.picker.received(s.filler, a).accepted()) {
                            throw new AssertionError("partial block not accepted: " + BlockAddress.toString(a));
                        }
                        s.picker.blockWritten(a);
                    }
                }
            }
        }
        for (int p = 0; p < priority.length(); p++) {
            s.picker.setPiecePriority(p, priority.charAt(p) - '0');
        }
        for (int p = 0; p < have.length(); p++) {
            if (have.charAt(p) != ' ') {
                s.picker.weHave(p);
            }
        }
        return s;
    }

    /** A BITFIELD payload: 'x' (any non-space) for each piece the peer has. */
    static byte[] bitfield(String have) {
        byte[] b = new byte[(have.length() + 7) / 8];
        for (int p = 0; p < have.length(); p++) {
            if (have.charAt(p) != ' ') {
                b[p >>> 3] |= (byte) (0x80 >>> (p & 7));
            }
        }
        return b;
    }

    /** A peer that has the pieces marked in {@code has} ("*" for all), not choking us. */
    PickerPeer peer(String has) {
        PickerPeer peer = picker.newPeer();
        if (has.equals("*")) {
            picker.peerHasAll(peer);
        } else {
            picker.peerBitfield(peer, bitfield(has));
        }
        peer.setChoked(false);
        others.add(peer);
        return peer;
    }

    List<Long> pick(PickerPeer peer, int max) {
        long[] out = new long[max];
        int n = picker.pick(peer, out, max);
        List<Long> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(out[i]);
        }
        PickerInvariants.check(picker, others);
        return r;
    }

    /** The piece of the first block a pick of one block returns, or -1. */
    int pickOnePiece(PickerPeer peer) {
        List<Long> r = pick(peer, 1);
        return r.isEmpty() ? -1 : BlockAddress.piece(r.get(0));
    }

    String availability() {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < picker.pieceCount(); p++) {
            sb.append(picker.availability(p));
        }
        return sb.toString();
    }
}
