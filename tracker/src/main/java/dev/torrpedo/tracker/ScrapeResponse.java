package dev.torrpedo.tracker;

import dev.torrpedo.metainfo.InfoHash;
import java.util.Map;

/**
 * A tracker's answer to a scrape: counts for those of the asked torrents that it knows.
 *
 * @param files the counts, keyed by the asked info hashes; a torrent the tracker did not
 *              mention is absent
 */
public record ScrapeResponse(Map<InfoHash, ScrapeStats> files) {

    /** Copies the map. */
    public ScrapeResponse {
        files = Map.copyOf(files);
    }
}
