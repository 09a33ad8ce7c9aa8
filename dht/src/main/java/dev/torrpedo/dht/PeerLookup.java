package dev.torrpedo.dht;

import dev.torrpedo.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The outcome of a {@code get_peers} lookup (and of the announce that may follow it).
 *
 * @param infoHash     the torrent
 * @param peers        the peers found, without duplicates, in the order they came
 * @param closestNodes the closest nodes that answered, closest first (at most k)
 * @param queried      nodes queried
 * @param responded    nodes that answered
 * @param rounds       hops from our table to the deepest node that answered (1: only our own table's nodes)
 * @param announcedTo  nodes that acknowledged our {@code announce_peer} (0 for a plain lookup)
 */
public record PeerLookup(InfoHash infoHash, List<InetSocketAddress> peers, List<DhtContact> closestNodes,
                         int queried, int responded, int rounds, int announcedTo) {

    /** Copies the lists. */
    public PeerLookup {
        peers = List.copyOf(peers);
        closestNodes = List.copyOf(closestNodes);
    }
}
