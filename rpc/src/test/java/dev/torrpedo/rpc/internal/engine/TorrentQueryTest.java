package dev.torrpedo.rpc.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.rpc.RpcException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** torrent.list: filters combine, sorts are stable with nulls last, pages count the total before paging. */
class TorrentQueryTest {
    private static Map<String, Object> status(String id, String name, TorrentState state, double progress, Long completedAt,
                                              long addedAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : Shapes.STATUS_FIELDS) {
            m.put(f, null);
        }
        m.put("id", id);
        m.put("name", name);
        m.put("state", state);
        m.put("progress", progress);
        m.put("completedAt", completedAt);
        m.put("addedAt", addedAt);
        m.put("totalSize", 100L * id.length());
        return m;
    }

    private static final List<Map<String, Object>> ALL = List.of(
            status("aa", "Debian ISO", TorrentState.SEEDING, 1.0, 50L, 3),
            status("bb", "ubuntu iso", TorrentState.DOWNLOADING, 0.5, null, 1),
            status("cc", "Music", TorrentState.PAUSED, 0.25, null, 2),
            status("dd", "more music", TorrentState.DOWNLOADING, 0.5, 40L, 4));

    private static TorrentQuery.ListParams params(List<String> fields, TorrentQuery.Filter filter, TorrentQuery.Sort sort,
                                                  Integer offset, Integer limit) {
        return new TorrentQuery.ListParams(fields, filter, sort, offset, limit);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> result) {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) result.get("torrents")) {
            ids.add((String) t.get("id"));
        }
        return ids;
    }

    @Test
    void byDefaultEveryTorrentInTheOrderAdded() {
        Map<String, Object> r = TorrentQuery.list(9, ALL, params(null, null, null, null, null));
        assertEquals(9L, r.get("revision"));
        assertEquals(4, r.get("total"));
        assertEquals(List.of("bb", "cc", "aa", "dd"), ids(r));
    }

    @Test
    void filtersCombine() {
        assertEquals(List.of("bb", "dd"), ids(TorrentQuery.list(0, ALL, params(null,
                new TorrentQuery.Filter(List.of(TorrentState.DOWNLOADING), null, null), null, null, null))));
        assertEquals(List.of("cc", "dd"), ids(TorrentQuery.list(0, ALL, params(null,
                new TorrentQuery.Filter(null, null, "MUSIC"), null, null, null))));
        assertEquals(List.of("dd"), ids(TorrentQuery.list(0, ALL, params(null,
                new TorrentQuery.Filter(List.of(TorrentState.DOWNLOADING), null, "music"), null, null, null))));
        assertEquals(List.of("aa"), ids(TorrentQuery.list(0, ALL, params(null,
                new TorrentQuery.Filter(null, List.of("AA", "zz"), null), null, null, null))));
        assertEquals(List.of(), ids(TorrentQuery.list(0, ALL, params(null,
                new TorrentQuery.Filter(List.of(), null, null), null, null, null))));
    }

    @Test
    void sortsAreStableWithNullsLastEitherWay() {
        assertEquals(List.of("cc", "bb", "dd", "aa"), ids(TorrentQuery.list(0, ALL, params(null, null,
                new TorrentQuery.Sort("progress", false), null, null))));
        assertEquals(List.of("aa", "bb", "dd", "cc"), ids(TorrentQuery.list(0, ALL, params(null, null,
                new TorrentQuery.Sort("progress", true), null, null))));
        assertEquals(List.of("dd", "aa", "bb", "cc"), ids(TorrentQuery.list(0, ALL, params(null, null,
                new TorrentQuery.Sort("completedAt", null), null, null))));
        assertEquals(List.of("aa", "dd", "bb", "cc"), ids(TorrentQuery.list(0, ALL, params(null, null,
                new TorrentQuery.Sort("completedAt", true), null, null))));
        assertEquals(List.of("aa", "dd", "cc", "bb"), ids(TorrentQuery.list(0, ALL, params(null, null,
                new TorrentQuery.Sort("name", false), null, null))), "names ignore case");
        assertEquals(List.of("bb", "dd", "aa", "cc"), ids(TorrentQuery.list(0, ALL, params(null, null,
                new TorrentQuery.Sort("state", false), null, null))), "states in their declared order");
    }

    @Test
    void pagesCountTheTotalBeforePaging() {
        Map<String, Object> r = TorrentQuery.list(0, ALL, params(null, null, null, 1, 2));
        assertEquals(4, r.get("total"));
        assertEquals(List.of("cc", "aa"), ids(r));
        assertEquals(List.of(), ids(TorrentQuery.list(0, ALL, params(null, null, null, 10, null))));
        assertEquals(List.of(), ids(TorrentQuery.list(0, ALL, params(null, null, null, 0, 0))));
    }

    @SuppressWarnings("unchecked")
    @Test
    void fieldsProjectWithTheIdAlways() {
        Map<String, Object> r = TorrentQuery.list(0, ALL, params(List.of("name", "progress"), null, null, 0, 1));
        Map<String, Object> first = ((List<Map<String, Object>>) r.get("torrents")).get(0);
        Map<String, Object> expected = new HashMap<>();
        expected.put("id", "bb");
        expected.put("name", "ubuntu iso");
        expected.put("progress", 0.5);
        assertEquals(expected, first);
        assertEquals(List.of("id", "name", "progress"), new ArrayList<>(first.keySet()));
    }

    @Test
    void badParamsNameTheirParam() {
        assertParam("fields", params(List.of("name", "nope"), null, null, null, null));
        assertParam("sort.field", params(null, null, new TorrentQuery.Sort("nope", null), null, null));
        assertParam("sort.field", params(null, null, new TorrentQuery.Sort(null, true), null, null));
        assertParam("offset", params(null, null, null, -1, null));
        assertParam("limit", params(null, null, null, null, -1));
        assertParam("limit", params(null, null, null, null, TorrentQuery.MAX_LIMIT + 1));
    }

    private static void assertParam(String param, TorrentQuery.ListParams p) {
        RpcException e = assertThrows(RpcException.class, () -> TorrentQuery.list(0, ALL, p));
        assertEquals(Map.of("param", param), e.data());
    }
}
