package dev.torrpedo.wire;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The BitTorrent handshake (BEP 3), always 68 bytes:
 *
 * <pre>
 * +--------+---------------------+----------+-----------+---------+
 * | 0x13   | "BitTorrent protocol"| reserved | info_hash | peer_id |
 * | 1 byte | 19 bytes            | 8 bytes  | 20 bytes  | 20 bytes|
 * +--------+---------------------+----------+-----------+---------+
 * </pre>
 *
 * The {@code info_hash} field carries a torrent's v1 hash, or for a v2-only torrent its v2
 * hash truncated to 20 bytes (BEP 52); {@code truncatedV2} says which form this handshake
 * uses, so a reply can echo the form the initiator chose.
 *
 * @param reserved    the reserved bits (extensions announced)
 * @param infoHash    the torrent
 * @param truncatedV2 whether the {@code info_hash} field holds the truncated v2 hash rather than the v1 hash
 * @param peerId      the sender's peer id
 */
public record Handshake(Reserved reserved, InfoHash infoHash, boolean truncatedV2, PeerId peerId) {
    /** Length of a handshake on the wire. */
    public static final int LENGTH = 68;
    /** The protocol string, after its length byte 19. */
    public static final String PROTOCOL = "BitTorrent protocol";

    static final byte[] HEADER = header();

    private static byte[] header() {
        byte[] h = new byte[20];
        h[0] = 19;
        System.arraycopy(PROTOCOL.getBytes(StandardCharsets.US_ASCII), 0, h, 1, 19);
        return h;
    }

    /** Checks that the torrent has the hash form asked for. */
    public Handshake {
        Objects.requireNonNull(reserved, "reserved");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        if (truncatedV2 ? !infoHash.hasV2() : !infoHash.hasV1()) {
            throw new IllegalArgumentException("infoHash " + infoHash + " has no " + (truncatedV2 ? "v2" : "v1") + " hash");
        }
    }

    /** @return the handshake that names {@code infoHash} by its usual wire form ({@link InfoHash#wire()}) */
    public static Handshake of(Reserved reserved, InfoHash infoHash, PeerId peerId) {
        return new Handshake(reserved, infoHash, !infoHash.hasV1(), peerId);
    }

    /** @return the 20 bytes of the {@code info_hash} field */
    public byte[] wireHash() {
        return truncatedV2 ? infoHash.truncatedV2() : infoHash.v1();
    }

    /**
     * Our reply to this handshake: same torrent, our id and bits, in the hash form the peer
     * chose, except that a peer naming a hybrid torrent by its v1 hash with the
     * {@link Reserved#V2_UPGRADE} bit is answered with the truncated v2 hash when we set that
     * bit too: the connection is upgraded to v2 (BEP 52, {@link #upgradesToV2}). The upgrade
     * bit is never announced for a torrent without a v2 hash (libtorrent drops such peers).
     */
    public Handshake reply(Reserved ourReserved, PeerId ourId) {
        Reserved bits = infoHash.hasV2() ? ourReserved : ourReserved.with(Reserved.V2_UPGRADE, false);
        return new Handshake(bits, infoHash, truncatedV2 || upgradesToV2(ourReserved), ourId);
    }

    /**
     * @return whether answering this handshake with {@code ourReserved} upgrades the
     *         connection to v2: it names a hybrid torrent by its v1 hash and both sides set
     *         {@link Reserved#V2_UPGRADE}
     */
    public boolean upgradesToV2(Reserved ourReserved) {
        return !truncatedV2 && infoHash.isHybrid() && reserved.v2Upgrade() && ourReserved.v2Upgrade();
    }

    /** Writes the 68 bytes to {@code out}. */
    public void encode(ByteBuf out) {
        out.ensureWritable(LENGTH);
        out.writeBytes(HEADER);
        out.writeLong(reserved.bits());
        out.writeBytes(wireHash());
        out.writeBytes(peerId.bytes());
    }

    /**
     * @return whether the {@code len} bytes of {@code buf} from {@code index} (only the first
     *         20 of them are looked at) agree with the start of a plaintext handshake:
     *         19 and {@code "BitTorrent protocol"}
     */
    public static boolean startsLikeHandshake(ByteBuf buf, int index, int len) {
        int n = Math.min(len, HEADER.length);
        for (int i = 0; i < n; i++) {
            if (buf.getByte(index + i) != HEADER[i]) {
                return false;
            }
        }
        return true;
    }
}
