package dev.torrpedo.dht;

import dev.torrpedo.metainfo.InfoHash;

/**
 * A BEP 33 DHT scrape: the estimated swarm size from the union of the bloom filters the
 * closest nodes returned.
 *
 * @param infoHash  the torrent
 * @param seeds     estimated seeds
 * @param peers     estimated non-seed peers
 * @param responded nodes whose filters were counted
 */
public record ScrapeResult(InfoHash infoHash, int seeds, int peers, int responded) {
}
