package dev.torrpedo.rpc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The params of {@code torrent.progress} and how two of them merge when the first is still
 * waiting to be written:
 *
 * <pre>
 *   {"revision": R, "full": false, "removed": [id...],
 *    "torrents": [{"id": ..., changed fields...}, ...], "stats": {changed fields...}}
 * </pre>
 *
 * A client applies one by clearing everything if {@code full}, dropping {@code removed}, then
 * merging each of {@code torrents} and {@code stats} into what it has. {@link #merge} gives
 * the params whose application equals applying both in turn, so coalescing loses nothing.
 * Pure functions.
 */
final class ProgressMerge {
    static final String REVISION = "revision";
    static final String FULL = "full";
    static final String REMOVED = "removed";
    static final String TORRENTS = "torrents";
    static final String STATS = "stats";

    private ProgressMerge() {
    }

    /** The params for one tick's changes. */
    static Map<String, Object> params(long revision, boolean full, List<String> removed,
                                      List<Map<String, Object>> torrents, Map<String, Object> stats) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(REVISION, revision);
        p.put(FULL, full);
        p.put(REMOVED, List.copyOf(removed));
        p.put(TORRENTS, List.copyOf(torrents));
        p.put(STATS, StatusDiff.frozen(stats));
        return p;
    }

    /** {@code older} then {@code newer}, as one notification. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> older, Map<String, Object> newer) {
        if (Boolean.TRUE.equals(newer.get(FULL))) {
            return newer;
        }
        boolean full = Boolean.TRUE.equals(older.get(FULL));
        List<String> newlyRemoved = (List<String>) newer.get(REMOVED);
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) older.get(TORRENTS)) {
            byId.put((String) t.get(StatusView.ID), t);
        }
        byId.keySet().removeAll(newlyRemoved);
        for (Map<String, Object> t : (List<Map<String, Object>>) newer.get(TORRENTS)) {
            byId.merge((String) t.get(StatusView.ID), t, StatusDiff::overlay);
        }
        Set<String> removed = new LinkedHashSet<>();
        if (!full) {
            // after a full state, what is gone is simply not listed
            removed.addAll((List<String>) older.get(REMOVED));
            removed.addAll(newlyRemoved);
        }
        return params((Long) newer.get(REVISION), full, new ArrayList<>(removed), new ArrayList<>(byId.values()),
                StatusDiff.overlay((Map<String, Object>) older.get(STATS), (Map<String, Object>) newer.get(STATS)));
    }
}
