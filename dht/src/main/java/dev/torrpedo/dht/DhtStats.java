package dev.torrpedo.dht;

/**
 * A snapshot of a node's state and counters.
 *
 * @param nodeId             our node id
 * @param goodNodes          live routing-table nodes in the good state
 * @param nodes              live routing-table nodes (good and questionable)
 * @param replacementNodes   nodes in replacement caches
 * @param buckets            routing-table buckets
 * @param torrents           info-hashes we store peers for
 * @param storedPeers        peers we store, over all info-hashes
 * @param storedItems        BEP 44 items we store
 * @param activeLookups      lookups running
 * @param pendingRequests    our queries awaiting an answer
 * @param packetsIn          datagrams received
 * @param packetsOut         datagrams sent
 * @param bytesIn            bytes received
 * @param bytesOut           bytes sent
 * @param invalidPackets     datagrams that were not valid KRPC
 * @param rateLimitedPackets datagrams dropped because their IP was over the rate or blocked
 * @param blockedIps         IPs blocked now
 * @param uploadCapDrops     answers not sent because of the upload cap
 * @param queriesAnswered    queries answered (errors included)
 * @param timeouts           our queries that got no answer
 */
public record DhtStats(NodeId nodeId, int goodNodes, int nodes, int replacementNodes, int buckets, long torrents,
                       long storedPeers, long storedItems, int activeLookups, int pendingRequests, long packetsIn,
                       long packetsOut, long bytesIn, long bytesOut, long invalidPackets, long rateLimitedPackets,
                       int blockedIps, long uploadCapDrops, long queriesAnswered, long timeouts) {
}
