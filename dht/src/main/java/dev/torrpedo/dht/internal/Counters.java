package dev.torrpedo.dht.internal;

/** A node's packet counters, for {@link dev.torrpedo.dht.DhtStats}. Loop-confined. */
final class Counters {
    long packetsIn;
    long packetsOut;
    long bytesIn;
    long bytesOut;
    long invalidPackets;
    long rateLimited;
    long uploadCapDrops;
    long queriesAnswered;
}
