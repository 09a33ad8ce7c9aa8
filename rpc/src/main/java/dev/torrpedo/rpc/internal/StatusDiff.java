package dev.torrpedo.rpc.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Field-level differences between two snapshots of the same thing (a torrent's status, the
 * session stats), as maps of JSON values. Pure functions: no state, no clock, no I/O.
 */
final class StatusDiff {
    private StatusDiff() {
    }

    /**
     * The fields of {@code next} whose value differs from {@code prev}, with their new value;
     * a field {@code prev} had with a non-null value and {@code next} lacks is reported as
     * null. Numbers compare by value ({@code 5} equals {@code 5L} and {@code 5.0}).
     *
     * @return a new insertion-ordered map, empty if nothing changed
     */
    static Map<String, Object> diff(Map<String, ?> prev, Map<String, ?> next) {
        Map<String, Object> changed = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : next.entrySet()) {
            String k = e.getKey();
            if (!prev.containsKey(k) || !sameJson(prev.get(k), e.getValue())) {
                changed.put(k, e.getValue());
            }
        }
        for (Map.Entry<String, ?> e : prev.entrySet()) {
            if (e.getValue() != null && !next.containsKey(e.getKey())) {
                changed.put(e.getKey(), null);
            }
        }
        return changed;
    }

    /**
     * {@code base} with every field of {@code over} written on top: the result of applying the
     * diff {@code over} to the state {@code base}.
     *
     * @return a new insertion-ordered map
     */
    static Map<String, Object> overlay(Map<String, ?> base, Map<String, ?> over) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.putAll(over);
        return m;
    }

    /** Equality of JSON values: numbers by value, maps and lists member by member. */
    static boolean sameJson(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number && b instanceof Number) {
            return sameNumber((Number) a, (Number) b);
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !sameJson(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!sameJson(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static boolean sameNumber(Number a, Number b) {
        if (a.getClass() == b.getClass() && !(a instanceof BigDecimal)) {
            return a.equals(b);
        }
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        if (x == null || y == null) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return x.compareTo(y) == 0;
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal) {
            return (BigDecimal) n;
        }
        if (n instanceof BigInteger) {
            return new BigDecimal((BigInteger) n);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** An unmodifiable copy that keeps null values (which {@code Map.copyOf} refuses). */
    static Map<String, Object> frozen(Map<String, ?> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
