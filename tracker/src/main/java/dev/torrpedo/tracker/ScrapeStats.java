package dev.torrpedo.tracker;

/**
 * One torrent's counts in a scrape (BEP 48, BEP 15).
 *
 * @param seeders   peers with the whole torrent ({@code complete})
 * @param completed how many times the torrent was downloaded completely ({@code downloaded})
 * @param leechers  peers still downloading ({@code incomplete})
 */
public record ScrapeStats(int seeders, int completed, int leechers) {

    /** Checks the counts. */
    public ScrapeStats {
        if (seeders < 0 || completed < 0 || leechers < 0) {
            throw new IllegalArgumentException("scrape counts must be >= 0: " + seeders + "/" + completed + "/" + leechers);
        }
    }
}
