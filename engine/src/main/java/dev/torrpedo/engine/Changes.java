package dev.torrpedo.engine;

import java.util.List;

/**
 * What changed since a revision ({@link Session#changesSince}): lets a UI that missed events
 * catch up. Pass {@link #revision()} to the next call.
 *
 * @param revision the session's revision now
 * @param changed  the torrents changed since the revision asked for (all of them for 0)
 * @param removed  ids of the torrents removed since then (a bounded history: a caller too far
 *                 behind, see {@link #complete()}, should reload everything)
 * @param stats    the session's counters now
 * @param complete false when the removal history no longer reaches back to the revision asked for
 */
public record Changes(long revision, List<TorrentStatus> changed, List<String> removed, SessionStats stats,
                      boolean complete) {
    /** Copies the lists. */
    public Changes {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }
}
