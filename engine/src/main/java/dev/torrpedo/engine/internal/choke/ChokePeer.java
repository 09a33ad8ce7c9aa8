package dev.torrpedo.engine.internal.choke;

/**
 * One peer as the choker sees it at a round: a snapshot the caller takes of its connection.
 *
 * @param id                  the caller's id for the connection (unique within the torrent)
 * @param interested          whether the peer is interested in our pieces
 * @param unchoked            whether we unchoke it now
 * @param uploadRate          bytes/s we sent it over the last period
 * @param downloadRate        bytes/s it sent us over the last period
 * @param snubbed             whether it stalled our requests (gets no regular slot while downloading)
 * @param seed                whether it has every piece (then it wants nothing from us)
 * @param connectedSinceNanos when the connection was made, on the choker's clock
 */
public record ChokePeer(long id, boolean interested, boolean unchoked, long uploadRate, long downloadRate,
        boolean snubbed, boolean seed, long connectedSinceNanos) {
}
