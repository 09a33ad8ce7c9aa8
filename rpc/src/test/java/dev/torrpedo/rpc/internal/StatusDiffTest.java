package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusDiffTest {

    private static Map<String, Object> m(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void onlyChangedFieldsAndRemovedOnesAsNull() {
        Map<String, Object> before = m("id", "a", "progress", 0.5, "downloadRate", 100L, "error", "tracker down",
                "state", "downloading");
        Map<String, Object> after = m("id", "a", "progress", 0.75, "downloadRate", 100, "state", "downloading",
                "peers", 3);
        assertEquals(m("progress", 0.75, "peers", 3, "error", null), StatusDiff.diff(before, after));
        assertEquals(Map.of(), StatusDiff.diff(after, after));
        assertEquals(after.keySet(), StatusDiff.diff(Map.of(), after).keySet(), "from nothing, every field");
    }

    @Test
    void numbersCompareByValue() {
        assertTrue(StatusDiff.sameJson(5, 5L));
        assertTrue(StatusDiff.sameJson(5L, new BigDecimal("5.00")));
        assertTrue(StatusDiff.sameJson(0.5, new BigDecimal("0.5")));
        assertFalse(StatusDiff.sameJson(0.1, new BigDecimal("0.1")), "0.1 as a double is not exactly 0.1");
        assertTrue(StatusDiff.sameJson(Double.NaN, Double.NaN));
        assertTrue(StatusDiff.sameJson(List.of(1, m("x", 2L)), List.of(1L, m("x", 2))));
        assertFalse(StatusDiff.sameJson(List.of(1), List.of(1, 2)));
        assertFalse(StatusDiff.sameJson(m("x", 1), m("y", 1)));
        assertFalse(StatusDiff.sameJson("1", 1));
    }

    @Test
    void overlayAppliesADiff() {
        Map<String, Object> before = m("id", "a", "progress", 0.5, "error", "x");
        Map<String, Object> after = m("id", "a", "progress", 1.0, "error", null);
        assertEquals(after, StatusDiff.overlay(before, StatusDiff.diff(before, after)));
    }

    @Test
    void progressMergeKeepsEveryFieldNewestWins() {
        Map<String, Object> first = ProgressMerge.params(3, false, List.of("x"), List.of(m("id", "a", "progress", 0.1,
                "peers", 2), m("id", "b", "state", "paused")), m("downloadRate", 10));
        Map<String, Object> second = ProgressMerge.params(5, false, List.of("b"), List.of(m("id", "a", "progress", 0.2),
                m("id", "b", "progress", 0.0)), m("uploadRate", 1));
        assertEquals(ProgressMerge.params(5, false, List.of("x", "b"), List.of(m("id", "a", "progress", 0.2, "peers", 2),
                        m("id", "b", "progress", 0.0)), m("downloadRate", 10, "uploadRate", 1)),
                ProgressMerge.merge(first, second), "b removed and added again: only its new fields");
        Map<String, Object> full = ProgressMerge.params(6, true, List.of(), List.of(m("id", "c", "x", 1)), m());
        assertEquals(full, ProgressMerge.merge(first, full));
        assertEquals(ProgressMerge.params(7, true, List.of(), List.of(m("id", "c", "x", 2)), m("uploadRate", 1)),
                ProgressMerge.merge(full, ProgressMerge.params(7, false, List.of("z"), List.of(m("id", "c", "x", 2)),
                        m("uploadRate", 1))));
    }
}
