package dev.torrpedo.engine.internal.peer;

/**
 * What a torrent's dial bookkeeping learns when a connection ends (see
 * {@link dev.torrpedo.engine.internal.torrent.TorrentPeers#ended}).
 */
public enum ConnectionOutcome {
    /** The attempt failed: back off. */
    FAILED,
    /** A working connection ended: dial again later. */
    ENDED,
    /** The peer refused MSE/PE: dial again at once, in plaintext. */
    RETRY_PLAINTEXT,
    /** Never dial it again (it is ourselves). */
    NEVER
}
