package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.ChangeFeed;
import dev.torrpedo.rpc.StatusChanges;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the bridge knows of the session's state, with the revision at which each field of
 * each torrent last changed. One view answers every client: {@code sync.get {sinceRevision}}
 * and each subscriber's next {@code torrent.progress} are both {@link #since} a revision the
 * client has, so each carries exactly the fields that changed after it, and nothing per
 * client is kept but that one number.
 *
 * <p>A client applies an answer by dropping what {@code removed} lists, then merging each of
 * {@code torrents} into what it has (a torrent removed and added again is in both lists).
 *
 * <p>Fed by {@link #apply} with the engine's changes; removals are kept as tombstones, at most
 * {@code maxTombstones} of them; a client whose revision is older than the oldest forgotten
 * removal, older than the view, newer than it, or 0, gets the full state instead
 * ({@code full: true}). Memory: the fields of the current torrents plus the tombstones.
 *
 * <p>Not thread-safe: confined to the scheduler thread.
 */
final class StatusView {
    static final String ID = "id";

    /**
     * The answer to {@link #since}.
     *
     * @param revision the revision the answer is current to
     * @param full true if {@code torrents} is every torrent with every field, and the client
     *     should drop any torrent it has that is not listed
     * @param torrents each changed torrent: its {@code id} and the fields changed
     * @param removed ids removed after the revision asked for, to drop before applying
     *     {@code torrents} (empty when full)
     * @param statsChanged session stats fields changed after the revision (all when full)
     * @param stats all session stats fields
     */
    record Sync(long revision, boolean full, List<Map<String, Object>> torrents, List<String> removed,
                Map<String, Object> statsChanged, Map<String, Object> stats) {
    }

    /** One torrent (or the stats): its fields and when each last changed. */
    private static final class Entry {
        final Map<String, Object> fields = new LinkedHashMap<>();
        final Map<String, Long> changedAt = new HashMap<>();
        long lastChange = -1;

        void update(Map<String, Object> next, long revision) {
            Map<String, Object> changed = StatusDiff.diff(fields, next);
            for (Map.Entry<String, Object> e : changed.entrySet()) {
                fields.put(e.getKey(), e.getValue());
                changedAt.put(e.getKey(), revision);
            }
            if (!changed.isEmpty()) {
                lastChange = revision;
            }
        }

        Map<String, Object> changedSince(long r) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (lastChange <= r) {
                return out;
            }
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (changedAt.getOrDefault(e.getKey(), -1L) > r) {
                    out.put(e.getKey(), e.getValue());
                }
            }
            return out;
        }
    }

    private final int maxTombstones;
    private final Map<String, Entry> torrents = new LinkedHashMap<>();
    private final LinkedHashMap<String, Long> tombstones = new LinkedHashMap<>();
    private Entry stats = new Entry();
    private long tombstoneFloor = -1;
    private long firstRevision = -1;
    private long revision = -1;

    StatusView(int maxTombstones) {
        this.maxTombstones = maxTombstones;
    }

    /** The revision of the last change applied, or -1 before the first. */
    long revision() {
        return revision;
    }

    /** How many torrents the view holds. */
    int size() {
        return torrents.size();
    }

    /** How many removals it remembers. */
    int tombstones() {
        return tombstones.size();
    }

    /** Takes in what changed since the view last looked. */
    void refresh(ChangeFeed feed) {
        StatusChanges c = feed.changesSince(Math.max(0, revision));
        if (c.complete()) {
            apply(c);
        } else {
            // the engine forgot removals the view has not seen: take the whole state again
            applySnapshot(feed.changesSince(0));
        }
    }

    /**
     * Takes in what changed. A revision older than the view's means the engine started over;
     * the view starts over with it.
     */
    void apply(StatusChanges c) {
        long r = c.revision();
        if (r < revision) {
            torrents.clear();
            tombstones.clear();
            stats = new Entry();
            tombstoneFloor = -1;
            firstRevision = -1;
        }
        if (firstRevision < 0) {
            firstRevision = r;
        }
        for (String id : c.removed()) {
            if (torrents.remove(id) != null) {
                tombstones.remove(id);
                tombstones.put(id, r);
            }
        }
        while (tombstones.size() > maxTombstones) {
            Iterator<Map.Entry<String, Long>> eldest = tombstones.entrySet().iterator();
            tombstoneFloor = Math.max(tombstoneFloor, eldest.next().getValue());
            eldest.remove();
        }
        for (Map<String, Object> status : c.changed()) {
            String id = (String) status.get(ID);
            Entry e = torrents.get(id);
            if (e == null) {
                // a removed torrent that comes back keeps its tombstone: a client that had the old
                // one removes it first, then takes the new one whole
                e = new Entry();
                torrents.put(id, e);
            }
            e.update(status, r);
        }
        stats.update(c.stats(), r);
        revision = r;
    }

    /**
     * Takes in the whole state: {@code all} lists every torrent there is (an answer for
     * revision 0), so any other the view holds was removed.
     */
    void applySnapshot(StatusChanges all) {
        List<String> gone = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Map<String, Object> status : all.changed()) {
            present.add((String) status.get(ID));
        }
        for (String id : torrents.keySet()) {
            if (!present.contains(id)) {
                gone.add(id);
            }
        }
        gone.addAll(all.removed());
        apply(new StatusChanges(all.revision(), all.changed(), gone, all.stats(), true));
    }

    /** What a client at revision {@code r} lacks. */
    Sync since(long r) {
        boolean full = r <= 0 || r < firstRevision || r > revision || r < tombstoneFloor;
        long from = full ? Long.MIN_VALUE : r;
        List<Map<String, Object>> changed = new ArrayList<>();
        for (Map.Entry<String, Entry> t : torrents.entrySet()) {
            Map<String, Object> fields = t.getValue().changedSince(from);
            if (!fields.isEmpty()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(ID, t.getKey());
                m.putAll(fields);
                changed.add(m);
            }
        }
        List<String> removed = new ArrayList<>();
        if (!full) {
            for (Map.Entry<String, Long> t : tombstones.entrySet()) {
                if (t.getValue() > r) {
                    removed.add(t.getKey());
                }
            }
        }
        return new Sync(Math.max(revision, 0), full, changed, removed, stats.changedSince(from),
                StatusDiff.frozen(stats.fields));
    }
}
