package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    private final JsonWriter writer = new JsonWriter();

    enum TorrentState { FETCHING_METADATA, SEEDING }

    record Status(String id, TorrentState state, double ratio, Optional<String> error, int[] pieces) {
    }

    private String write(Object v) {
        return new String(writer.valueBytes(v), StandardCharsets.UTF_8);
    }

    @Test
    void recordsEnumsAndNonFiniteNumbers() {
        assertEquals("{\"id\":\"ab\",\"state\":\"fetchingMetadata\",\"ratio\":null,\"error\":null,\"pieces\":[1,2]}",
                write(new Status("ab", TorrentState.FETCHING_METADATA, Double.NaN, Optional.empty(), new int[] {1, 2})));
        assertEquals("[\"seeding\",1.5,null,\"x\"]", write(List.of(TorrentState.SEEDING, 1.5f, Double.POSITIVE_INFINITY, 'x')));
    }

    @Test
    void stringsNeverContainARawNewline() {
        assertEquals("\"a\\nb\\r\\u0000\\u2028ok\"".replace("\\u2028", "\u2028"), write("a\nb\r\u0000\u2028ok"));
        assertEquals("\"\\uD800\"", write("\uD800"), "a lone surrogate is escaped, never written as invalid UTF-8");
    }

    @Test
    void whatIsNotJsonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> write(Map.of(1, 2)));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(IllegalArgumentException.class, () -> write(cycle));
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("a", null);
        assertEquals("{\"a\":null}", write(nulls));
    }

    @Test
    void lowerCamel() {
        assertEquals("fetchingMetadata", JsonWriter.lowerCamel("FETCHING_METADATA"));
        assertEquals("seeding", JsonWriter.lowerCamel("SEEDING"));
        assertEquals("notContacted", JsonWriter.lowerCamel("NOT_CONTACTED"));
    }
}
