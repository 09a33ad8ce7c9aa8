package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    private final FakeFeed feed = new FakeFeed();
    private final StatusView view = new StatusView(3);

    private void refresh() {
        view.refresh(feed);
    }

    @Test
    void sinceARevisionCarriesOnlyTheFieldsChangedAfterIt() {
        feed.put("a", Map.of("progress", 0.0, "state", "downloading", "peers", 0));
        feed.put("b", Map.of("progress", 1.0, "state", "seeding", "peers", 0));
        refresh();
        StatusView.Sync first = view.since(0);
        assertTrue(first.full());
        assertEquals(2, first.torrents().size());
        assertEquals(Map.of("id", "a", "progress", 0.0, "state", "downloading", "peers", 0), first.torrents().get(0));
        long r1 = first.revision();

        feed.update("a", Map.of("progress", 0.5, "peers", 3));
        feed.update("b", Map.of("peers", 0)); // same value: a new revision, no changed field
        refresh();
        StatusView.Sync second = view.since(r1);
        assertFalse(second.full());
        assertEquals(List.of(Map.of("id", "a", "progress", 0.5, "peers", 3)), second.torrents());
        assertEquals(List.of(), second.removed());

        feed.remove("b");
        feed.put("c", Map.of("progress", 0.0));
        refresh();
        StatusView.Sync third = view.since(second.revision());
        assertEquals(List.of("b"), third.removed());
        assertEquals(List.of(Map.of("id", "c", "progress", 0.0)), third.torrents());
        assertEquals(Map.of(), third.statsChanged(), "b out and c in between two looks: the count was 2 both times");
        assertEquals(Map.of("torrents", 2), third.stats());

        // a client still at r1 gets everything since then in one answer
        StatusView.Sync late = view.since(r1);
        assertEquals(List.of(Map.of("id", "a", "progress", 0.5, "peers", 3), Map.of("id", "c", "progress", 0.0)),
                late.torrents());
        assertEquals(List.of("b"), late.removed());
    }

    @Test
    void unknownRevisionsGetTheFullState() {
        feed.put("a", Map.of("progress", 0.0));
        refresh();
        long r = view.revision();
        assertTrue(view.since(r + 1).full(), "a revision from the future (another engine run)");
        assertTrue(view.since(0).full());
        assertFalse(view.since(r).full());
    }

    @Test
    void forgottenRemovalsMakeOlderClientsResyncFully() {
        feed.put("keep", Map.of("x", 1));
        refresh();
        long r = view.revision();
        for (int i = 0; i < 5; i++) {
            feed.put("t" + i, Map.of("x", i));
            refresh();
        }
        long afterAdds = view.revision();
        for (int i = 0; i < 5; i++) {
            feed.remove("t" + i);
            refresh();
        }
        assertEquals(3, view.tombstones(), "bounded");
        StatusView.Sync old = view.since(r);
        assertTrue(old.full(), "two removals after r were forgotten");
        assertEquals(List.of(Map.of("id", "keep", "x", 1)), old.torrents());
        StatusView.Sync recent = view.since(view.revision() - 2);
        assertFalse(recent.full());
        assertEquals(List.of("t3", "t4"), recent.removed());
        assertTrue(view.since(afterAdds).full());
    }

    @Test
    void aReAddedTorrentComesBackWhole() {
        feed.put("a", Map.of("x", 1, "y", 2));
        refresh();
        long r = view.revision();
        feed.remove("a");
        refresh();
        feed.put("a", Map.of("x", 1, "y", 2));
        refresh();
        StatusView.Sync s = view.since(r);
        assertEquals(List.of(Map.of("id", "a", "x", 1, "y", 2)), s.torrents());
        assertEquals(List.of("a"), s.removed(), "the old one goes first, so none of its fields linger");
    }

    @Test
    void removalsTheEngineForgotAreFoundFromTheWholeState() {
        feed.put("a", Map.of("x", 1));
        feed.put("b", Map.of("x", 1));
        refresh();
        long r = view.revision();
        feed.remove("a");
        feed.forgetRemovals();
        assertFalse(feed.changesSince(r).complete());
        view.refresh(feed);
        assertEquals(1, view.size());
        assertEquals(List.of("a"), view.since(r).removed());
    }

    @Test
    void anEngineThatStartedOverResetsTheView() {
        feed.put("a", Map.of("x", 1));
        feed.put("b", Map.of("x", 1));
        refresh();
        FakeFeed restarted = new FakeFeed();
        restarted.put("c", Map.of("x", 1));
        view.apply(restarted.changesSince(0));
        assertEquals(1, view.size());
        assertTrue(view.since(2).full());
    }
}
