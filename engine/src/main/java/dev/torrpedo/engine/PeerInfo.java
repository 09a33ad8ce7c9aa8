package dev.torrpedo.engine;

import java.net.InetSocketAddress;

/**
 * A snapshot of one connected peer ({@link TorrentHandle#peers()}).
 *
 * @param address        its address: where we dialled it, or for an incoming connection where it listens
 *                       if it told us (extension handshake), else the far end of the socket
 * @param client         its client name and version, as it told us or as its peer id spells it
 * @param encrypted      whether the connection is RC4-encrypted (MSE/PE)
 * @param incoming       whether it connected to us
 * @param progress       0..1: the share of pieces it has
 * @param downloadRate   payload bytes/s it sends us
 * @param uploadRate     payload bytes/s we send it
 * @param choked         whether we choke it
 * @param interested     whether it is interested in our pieces
 * @param peerChoked     whether it chokes us
 * @param peerInterested whether we are interested in its pieces
 * @param downloaded     payload bytes it sent us
 * @param uploaded       payload bytes we sent it
 */
public record PeerInfo(InetSocketAddress address, String client, boolean encrypted, boolean incoming, double progress,
                       long downloadRate, long uploadRate, boolean choked, boolean interested, boolean peerChoked,
                       boolean peerInterested, long downloaded, long uploaded) {
}
