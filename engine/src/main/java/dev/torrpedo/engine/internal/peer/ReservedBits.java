package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.wire.Reserved;

/**
 * The reserved bits of our handshakes (BEP 4): the extension protocol (BEP 10) and the fast
 * extension (BEP 6), which both ends must set to use, and the v2 upgrade (BEP 52) for a
 * torrent with a v2 hash.
 *
 * <p>Immutable constants; any thread.
 */
public final class ReservedBits {
    /** What we support and the peer must too. */
    static final Reserved OURS = Reserved.NONE.with(Reserved.EXTENSION_PROTOCOL, true).with(Reserved.FAST, true);
    /** What our handshakes announce: {@link #OURS} and, for a torrent with a v2 hash (or any, inbound), the v2 upgrade. */
    static final Reserved WIRE = OURS.with(Reserved.V2_UPGRADE, true);

    private ReservedBits() {
    }

    /**
     * @return the reserved bits of our handshake for {@code torrent}: the v2 upgrade bit only
     *         for a torrent with a v2 hash ({@code null}, an inbound connection, gets it: the
     *         wire layer drops it for a v1 torrent)
     */
    public static Reserved forTorrent(InfoHash torrent) {
        return torrent == null || torrent.hasV2() ? WIRE : OURS;
    }
}
