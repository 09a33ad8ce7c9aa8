package dev.torrpedo.wire;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Golden frames: every message kind with its bytes, worked out by hand from BEP 3, 5, 6,
 * 10 and 52 (annotated {@code <length><id><payload>}). {@code Have(42)} matches the frame
 * in anacrolix/torrent's protocol tests.
 */
final class Golden {
    static final byte[] ROOT = filled(32, 0xAA);
    static final byte[] TWO_HASHES = filled(64, 0x5C);

    private Golden() {
    }

    /** A fresh map each call: the {@code Piece} in it holds its own buffer, which the caller releases. */
    static Map<PeerMessage, String> frames() {
        Map<PeerMessage, String> m = new LinkedHashMap<>();
        m.put(PeerMessage.KEEP_ALIVE, "00000000");
        m.put(PeerMessage.CHOKE, "00000001 00");
        m.put(PeerMessage.UNCHOKE, "00000001 01");
        m.put(PeerMessage.INTERESTED, "00000001 02");
        m.put(PeerMessage.NOT_INTERESTED, "00000001 03");
        m.put(new PeerMessage.Have(42), "00000005 04 0000002a");
        m.put(new PeerMessage.Bitfield(new byte[] {(byte) 0xFF, (byte) 0x80}), "00000003 05 ff80");
        m.put(new PeerMessage.Request(1, 16384, 16384), "0000000d 06 00000001 00004000 00004000");
        m.put(new PeerMessage.Piece(1, 0, Unpooled.wrappedBuffer("abc".getBytes(StandardCharsets.US_ASCII))),
                "0000000c 07 00000001 00000000 616263");
        m.put(new PeerMessage.Cancel(1, 16384, 16384), "0000000d 08 00000001 00004000 00004000");
        m.put(new PeerMessage.Port(6881), "00000003 09 1ae1");
        m.put(new PeerMessage.Suggest(7), "00000005 0d 00000007");
        m.put(PeerMessage.HAVE_ALL, "00000001 0e");
        m.put(PeerMessage.HAVE_NONE, "00000001 0f");
        m.put(new PeerMessage.Reject(1, 0, 16384), "0000000d 10 00000001 00000000 00004000");
        m.put(new PeerMessage.AllowedFast(1059), "00000005 11 00000423");
        m.put(new PeerMessage.Extended(0, "de".getBytes(StandardCharsets.US_ASCII)), "00000004 14 00 6465");
        m.put(new PeerMessage.Extended(3, new byte[] {1}), "00000003 14 03 01");
        m.put(new PeerMessage.HashRequest(ROOT, 0, 0, 512, 2),
                "00000031 15 " + hex(ROOT) + " 00000000 00000000 00000200 00000002");
        m.put(new PeerMessage.Hashes(ROOT, 0, 0, 2, 0, TWO_HASHES),
                "00000071 16 " + hex(ROOT) + " 00000000 00000000 00000002 00000000 " + hex(TWO_HASHES));
        m.put(new PeerMessage.HashReject(ROOT, 0, 4, 512, 2),
                "00000031 17 " + hex(ROOT) + " 00000000 00000004 00000200 00000002");
        m.put(new PeerMessage.Unknown(99, new byte[] {'x'}), "00000002 63 78");
        return m;
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static String hex(byte[] b) {
        return Wire.hex(b);
    }
}
