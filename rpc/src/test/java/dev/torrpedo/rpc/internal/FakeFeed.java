package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.ChangeFeed;
import dev.torrpedo.rpc.StatusChanges;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory session state with the engine's change-log semantics (what
 * {@code Session.changesSince} promises), standing in for the engine until it lands.
 * Thread-safe.
 */
public final class FakeFeed implements ChangeFeed {
    private final Map<String, Map<String, Object>> torrents = new LinkedHashMap<>();
    private final Map<String, Long> changedAt = new HashMap<>();
    private final Map<String, Long> removedAt = new LinkedHashMap<>();
    private Map<String, Object> stats = Map.of("torrents", 0);
    private long revision;
    private long forgottenBefore;

    /** Sets a torrent's whole status (adds it if new); returns the new revision. */
    public synchronized long put(String id, Map<String, Object> fields) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", id);
        status.putAll(fields);
        torrents.put(id, status);
        changedAt.put(id, ++revision);
        removedAt.remove(id);
        stats = Map.of("torrents", torrents.size());
        return revision;
    }

    /** Changes some fields of a torrent. */
    public synchronized long update(String id, Map<String, Object> fields) {
        Map<String, Object> status = new LinkedHashMap<>(torrents.get(id));
        status.putAll(fields);
        torrents.put(id, status);
        changedAt.put(id, ++revision);
        return revision;
    }

    /** Removes a torrent. */
    public synchronized long remove(String id) {
        if (torrents.remove(id) != null) {
            changedAt.remove(id);
            removedAt.put(id, ++revision);
            stats = Map.of("torrents", torrents.size());
        }
        return revision;
    }

    /** Forgets every removal so far, as an engine with a bounded history does. */
    public synchronized void forgetRemovals() {
        removedAt.clear();
        forgottenBefore = revision;
    }

    /** The state now: id to status. */
    public synchronized Map<String, Map<String, Object>> state() {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        torrents.forEach((k, v) -> copy.put(k, new LinkedHashMap<>(v)));
        return copy;
    }

    public synchronized long revision() {
        return revision;
    }

    @Override
    public synchronized StatusChanges changesSince(long since) {
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : torrents.entrySet()) {
            if (changedAt.get(e.getKey()) > since) {
                changed.add(e.getValue());
            }
        }
        List<String> removed = new ArrayList<>();
        removedAt.forEach((id, r) -> {
            if (r > since) {
                removed.add(id);
            }
        });
        return new StatusChanges(revision, changed, removed, stats, since >= forgottenBefore || since == 0);
    }
}
