package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.engine.TorrentState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code torrent.list} and the {@code fields} of {@code torrent.get}: filter, sort, page and
 * project Status objects. Pure functions over the maps {@link Shapes#status} makes.
 */
final class TorrentQuery {
    /** The most torrents one {@code torrent.list} answer carries. */
    static final int MAX_LIMIT = 10_000;
    private static final String DEFAULT_SORT = "addedAt";

    /**
     * Which torrents: every condition given must hold.
     *
     * @param states any of these states
     * @param ids any of these ids (any case)
     * @param text a case-insensitive substring of the name
     */
    record Filter(List<TorrentState> states, List<String> ids, String text) {
    }

    /**
     * The order.
     *
     * @param field a Status field
     * @param descending largest first (nulls stay last)
     */
    record Sort(String field, Boolean descending) {
    }

    /** {@code torrent.list} params. */
    record ListParams(List<String> fields, Filter filter, Sort sort, Integer offset, Integer limit) {
    }

    private TorrentQuery() {
    }

    /**
     * The {@code torrent.list} result.
     *
     * @param revision the session revision the statuses are at least as new as
     * @param all every torrent's Status, in the order they were added
     */
    static Map<String, Object> list(long revision, List<Map<String, Object>> all, ListParams p) {
        List<String> fields = fields("fields", p.fields());
        String sortField = p.sort() == null ? DEFAULT_SORT : Checks.required("sort.field", p.sort().field());
        if (!Shapes.STATUS_FIELDS.contains(sortField)) {
            throw Checks.invalid("sort.field", "is not a Status field: \"" + Checks.clip(sortField) + "\"");
        }
        boolean descending = p.sort() != null && Boolean.TRUE.equals(p.sort().descending());
        int offset = p.offset() == null ? 0 : p.offset();
        if (offset < 0) {
            throw Checks.invalid("offset", "must be >= 0, got " + offset);
        }
        int limit = p.limit() == null ? MAX_LIMIT : p.limit();
        if (limit < 0 || limit > MAX_LIMIT) {
            throw Checks.invalid("limit", "must be in 0.." + MAX_LIMIT + ", got " + limit);
        }
        List<Map<String, Object>> matching = new ArrayList<>();
        Matcher matcher = new Matcher(p.filter());
        for (Map<String, Object> s : all) {
            if (matcher.test(s)) {
                matching.add(s);
            }
        }
        Comparator<Object> values = descending ? TorrentQuery::compareDescending : TorrentQuery::compare;
        matching.sort((a, b) -> values.compare(a.get(sortField), b.get(sortField)));
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < matching.size() && page.size() < limit; i++) {
            page.add(project(matching.get(i), fields));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("revision", revision);
        result.put("total", matching.size());
        result.put("torrents", page);
        return result;
    }

    /**
     * Checks a {@code fields} param.
     *
     * @return the fields, or null for all
     * @throws dev.torrpedo.rpc.RpcException -32602 naming the unknown fields
     */
    static List<String> fields(String param, List<String> fields) {
        if (fields == null) {
            return null;
        }
        List<String> unknown = new ArrayList<>();
        for (String f : fields) {
            if (!Shapes.STATUS_FIELDS.contains(f) && unknown.size() < 10) {
                unknown.add(Checks.clip(f));
            }
        }
        if (!unknown.isEmpty()) {
            throw Checks.invalid(param, "names fields a Status does not have: " + unknown + " (expected: any of "
                    + Shapes.STATUS_FIELDS + ")");
        }
        return fields;
    }

    /** The status with only these fields (and always {@code id}); all of them for null. */
    static Map<String, Object> project(Map<String, Object> status, List<String> fields) {
        if (fields == null) {
            return status;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", status.get("id"));
        for (String f : fields) {
            m.put(f, status.get(f));
        }
        return m;
    }

    /** Ascending, nulls last; numbers by value, strings ignoring case, states in declaration order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number && b instanceof Number) {
            Number x = (Number) a;
            Number y = (Number) b;
            if ((x instanceof Double || x instanceof Float) || (y instanceof Double || y instanceof Float)) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return Long.compare(x.longValue(), y.longValue());
        }
        if (a instanceof String && b instanceof String) {
            int c = String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
            return c != 0 ? c : ((String) a).compareTo((String) b);
        }
        if (a instanceof Comparable && a.getClass() == b.getClass()) {
            return ((Comparable) a).compareTo(b);
        }
        return a.getClass().getName().compareTo(b.getClass().getName());
    }

    private static int compareDescending(Object a, Object b) {
        if (a == null || b == null) {
            return compare(a, b);
        }
        return compare(b, a);
    }

    /** One filter, prepared. */
    private static final class Matcher {
        private final Set<TorrentState> states;
        private final Set<String> ids;
        private final String text;

        Matcher(Filter f) {
            states = f == null || f.states() == null ? null
                    : f.states().isEmpty() ? EnumSet.noneOf(TorrentState.class) : EnumSet.copyOf(f.states());
            if (f == null || f.ids() == null) {
                ids = null;
            } else {
                ids = new HashSet<>();
                for (String id : f.ids()) {
                    ids.add(id.toLowerCase(Locale.ROOT));
                }
            }
            text = f == null || f.text() == null ? null : f.text().toLowerCase(Locale.ROOT);
        }

        boolean test(Map<String, Object> s) {
            if (states != null && !states.contains((TorrentState) s.get("state"))) {
                return false;
            }
            if (ids != null && !ids.contains((String) s.get("id"))) {
                return false;
            }
            return text == null || String.valueOf(s.get("name")).toLowerCase(Locale.ROOT).contains(text);
        }
    }
}
