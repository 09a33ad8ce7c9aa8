package dev.torrpedo.engine;

/**
 * A snapshot of a whole session ({@link Session#stats()}). Rates in bytes/s.
 *
 * @param torrents        torrents in the session
 * @param peers           connected peers across all torrents
 * @param downloadRate    payload bytes/s received
 * @param uploadRate      payload bytes/s sent
 * @param downloadedBytes payload bytes received since the session started
 * @param uploadedBytes   payload bytes sent since the session started
 * @param dhtNodes        nodes in the DHT routing table (0 while the DHT is off)
 * @param listenPort      the TCP port peers connect to
 * @param diskQueueBytes  bytes waiting for the disk
 */
public record SessionStats(int torrents, int peers, long downloadRate, long uploadRate, long downloadedBytes,
                           long uploadedBytes, int dhtNodes, int listenPort, long diskQueueBytes) {
}
