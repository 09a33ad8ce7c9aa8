package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A client that applies what {@code sync.get} (or {@code torrent.progress}) hands it, from
 * any revision it holds, always ends with the session's state; merged progress equals
 * progress applied one by one.
 */
class StatusProperties {

    /** One step: an engine change, or a client looking. */
    record Op(int kind, int torrent, int field, int value) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2)).as(Op::new);
        return op.list().ofMaxSize(80);
    }

    private static void change(FakeFeed feed, Op op) {
        String id = "t" + op.torrent();
        boolean present = feed.state().containsKey(id);
        if (op.kind() <= 1 || !present) {
            feed.put(id, Map.of("f0", op.value(), "f1", op.value()));
        } else if (op.kind() <= 5) {
            feed.update(id, Map.of("f" + op.field(), op.value()));
        } else {
            feed.remove(id);
            if (op.value() == 0 && op.field() == 0) {
                feed.forgetRemovals();
            }
        }
    }

    private static void apply(Map<String, Map<String, Object>> model, Map<String, Object> stats, StatusView.Sync s) {
        applyProgress(model, stats, ProgressMerge.params(s.revision(), s.full(), s.removed(), s.torrents(),
                s.full() ? s.stats() : s.statsChanged()));
    }

    @Property(tries = 500)
    void aClientThatAppliesEverySyncHasTheState(@ForAll("ops") List<Op> ops, @ForAll boolean twoClients) {
        FakeFeed feed = new FakeFeed();
        StatusView view = new StatusView(2);
        Map<String, Map<String, Object>> model = new HashMap<>();
        Map<String, Object> stats = new HashMap<>();
        long revision = 0;
        long otherRevision = 0;
        for (Op op : ops) {
            if (op.kind() == 9 || (twoClients && op.kind() == 8)) {
                view.refresh(feed);
                if (op.kind() == 9) {
                    StatusView.Sync s = view.since(revision);
                    apply(model, stats, s);
                    revision = s.revision();
                    assertEquals(feed.state(), withoutNulls(model), "a null field is one the torrent no longer has");
                    assertEquals(feed.changesSince(0).stats(), stats);
                } else {
                    otherRevision = view.since(otherRevision).revision();
                }
            } else {
                change(feed, op);
            }
        }
    }

    @Property(tries = 300)
    void mergedProgressEqualsProgressAppliedOneByOne(@ForAll("ops") List<Op> ops, @ForAll("ops") List<Op> when) {
        FakeFeed feed = new FakeFeed();
        StatusView view = new StatusView(3);
        Map<String, Map<String, Object>> eager = new HashMap<>();
        Map<String, Object> eagerStats = new HashMap<>();
        Map<String, Map<String, Object>> lazy = new HashMap<>();
        Map<String, Object> lazyStats = new HashMap<>();
        Map<String, Object> pending = null;
        long revision = 0;
        int i = 0;
        for (Op op : ops) {
            change(feed, op);
            view.refresh(feed);
            StatusView.Sync s = view.since(revision);
            revision = s.revision();
            Map<String, Object> progress = ProgressMerge.params(s.revision(), s.full(), s.removed(), s.torrents(),
                    s.full() ? s.stats() : s.statsChanged());
            applyProgress(eager, eagerStats, progress);
            pending = pending == null ? progress : ProgressMerge.merge(pending, progress);
            if (!when.isEmpty() && when.get(i++ % when.size()).kind() < 3) {
                applyProgress(lazy, lazyStats, pending);
                pending = null;
            }
        }
        if (pending != null) {
            applyProgress(lazy, lazyStats, pending);
        }
        assertEquals(eager, lazy);
        assertEquals(eagerStats, lazyStats);
        assertEquals(feed.state(), withoutNulls(eager));
    }

    private static Map<String, Map<String, Object>> withoutNulls(Map<String, Map<String, Object>> model) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        model.forEach((id, fields) -> {
            Map<String, Object> f = new LinkedHashMap<>(fields);
            f.values().removeIf(Objects::isNull);
            out.put(id, f);
        });
        return out;
    }

    /** What a frontend does with progress (and sync.get): full clears, removed first, then merge. */
    @SuppressWarnings("unchecked")
    static void applyProgress(Map<String, Map<String, Object>> model, Map<String, Object> stats,
                              Map<String, Object> progress) {
        if (Boolean.TRUE.equals(progress.get(ProgressMerge.FULL))) {
            model.clear();
            stats.clear();
        }
        for (String id : (List<String>) progress.get(ProgressMerge.REMOVED)) {
            model.remove(id);
        }
        for (Map<String, Object> t : (List<Map<String, Object>>) progress.get(ProgressMerge.TORRENTS)) {
            model.merge((String) t.get("id"), new LinkedHashMap<>(t), StatusDiff::overlay);
        }
        stats.putAll((Map<String, Object>) progress.get(ProgressMerge.STATS));
    }
}
