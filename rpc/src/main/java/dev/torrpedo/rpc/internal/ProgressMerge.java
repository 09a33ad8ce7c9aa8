package dev.torrpedo.rpc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The params of {@code torrent.progress} and how two of them merge when the first is still
 * waiting to be written:
 *
 * <pre>
 *   {"revision": R, "torrents": [{"id": ..., changed fields...}, ...], "stats": {changed fields...}}
 * </pre>
 *
 * Merging keeps every field either carried, the newer value winning, so what the client
 * finally applies is the same as applying both. Pure functions.
 */
final class ProgressMerge {
    static final String REVISION = "revision";
    static final String TORRENTS = "torrents";
    static final String STATS = "stats";

    private ProgressMerge() {
    }

    /** The params for one tick's changes. */
    static Map<String, Object> params(long revision, List<Map<String, Object>> torrents, Map<String, Object> stats) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(REVISION, revision);
        p.put(TORRENTS, List.copyOf(torrents));
        p.put(STATS, StatusDiff.frozen(stats));
        return p;
    }

    /** {@code older} then {@code newer}, as one notification. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> older, Map<String, Object> newer) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) older.get(TORRENTS)) {
            byId.put((String) t.get(StatusView.ID), t);
        }
        for (Map<String, Object> t : (List<Map<String, Object>>) newer.get(TORRENTS)) {
            byId.merge((String) t.get(StatusView.ID), t, StatusDiff::overlay);
        }
        return params((Long) newer.get(REVISION), new ArrayList<>(byId.values()),
                StatusDiff.overlay((Map<String, Object>) older.get(STATS), (Map<String, Object>) newer.get(STATS)));
    }
}
