package dev.torrpedo.rpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of a {@link ChangeFeed}: the engine's {@code Changes} with each status as a map.
 *
 * @param revision the session revision this answer is current to (non-negative)
 * @param changed the full status of each torrent that changed, as a map of JSON values that
 *     holds at least the string {@code "id"} (the info-hash hex)
 * @param removed the ids of torrents removed after the revision asked for
 * @param stats the session stats as a map of JSON values (empty if unknown)
 * @param complete false when the engine's removal history no longer reaches back to the
 *     revision asked for, so {@code removed} may miss some (the engine's
 *     {@code Changes.complete()}); the bridge then asks again from 0 and treats every torrent
 *     not listed as removed. An answer for revision 0 must be complete.
 */
public record StatusChanges(long revision, List<Map<String, Object>> changed, List<String> removed,
                            Map<String, Object> stats, boolean complete) {

    /** Copies every list and map, and checks that each status has a string id. */
    public StatusChanges {
        if (revision < 0) {
            throw new IllegalArgumentException("revision: " + revision + " (expected: >= 0)");
        }
        List<Map<String, Object>> copy = new ArrayList<>(changed.size());
        for (Map<String, Object> status : changed) {
            if (!(status.get("id") instanceof String)) {
                throw new IllegalArgumentException("changed: a status without a string \"id\": " + status.keySet());
            }
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(status)));
        }
        changed = Collections.unmodifiableList(copy);
        removed = List.copyOf(removed);
        stats = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(stats, "stats")));
    }
}
