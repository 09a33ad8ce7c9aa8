package dev.torrpedo.engine;

/**
 * One web seed of a torrent (BEP 19), as of the last second.
 *
 * @param url             the seed's URL, as given
 * @param state           what it is doing
 * @param downloadedBytes payload bytes it sent us
 * @param failures        failed requests in a row (0 after a run that worked)
 * @param message         why it last failed or was dropped, or empty
 */
public record WebSeedStatus(String url, State state, long downloadedBytes, int failures, String message) {

    /** What a web seed is doing. */
    public enum State {
        /** Nothing to fetch from it now (or the torrent is not downloading). */
        IDLE,
        /** A request is in flight. */
        FETCHING,
        /** A request failed: it is asked again after a back-off. */
        WAITING,
        /** Never used again in this session: it sent data that failed a hash check, or cannot serve the torrent. */
        DROPPED
    }
}
