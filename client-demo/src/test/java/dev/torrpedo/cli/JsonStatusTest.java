package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonStatusTest {
    /** The keys of a status line, in order. */
    static final List<String> KEYS = List.of("id", "name", "state", "progress", "completedBytes", "totalBytes",
            "downloadedBytes", "uploadedBytes", "downloadRate", "uploadRate", "etaSeconds", "peers", "seeds", "ratio");

    @Test
    void oneObjectOnOneLineWithEveryField() throws Exception {
        TransferStatus s = new TransferStatus(ProgressLineTest.ID, "a \"quoted\"\nname", TransferState.DOWNLOADING,
                0.423, 113_573_068, 268_435_456, 120_000_000, 1_500_000, 13_002_342, 1_258_291, 12, 3, 2, 0.01);
        String line = JsonStatus.line(s);
        assertFalse(line.contains("\n"));
        Map<String, Object> m = JSON.std.mapFrom(line);
        assertEquals(KEYS, List.copyOf(m.keySet()));
        assertEquals(ProgressLineTest.ID, m.get("id"));
        assertEquals("a \"quoted\"\nname", m.get("name"));
        assertEquals("downloading", m.get("state"));
        assertEquals(0.423, ((Number) m.get("progress")).doubleValue());
        assertEquals(113_573_068L, ((Number) m.get("completedBytes")).longValue());
        assertEquals(268_435_456L, ((Number) m.get("totalBytes")).longValue());
        assertEquals(120_000_000L, ((Number) m.get("downloadedBytes")).longValue());
        assertEquals(1_500_000L, ((Number) m.get("uploadedBytes")).longValue());
        assertEquals(13_002_342L, ((Number) m.get("downloadRate")).longValue());
        assertEquals(1_258_291L, ((Number) m.get("uploadRate")).longValue());
        assertEquals(12L, ((Number) m.get("etaSeconds")).longValue());
        assertEquals(3, ((Number) m.get("peers")).intValue());
        assertEquals(2, ((Number) m.get("seeds")).intValue());
        assertEquals(0.01, ((Number) m.get("ratio")).doubleValue());
    }

    @Test
    void writesOneLinePerStatus() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        TransferStatus s = ProgressLineTest.status(TransferState.SEEDING, 1, 5, 5);
        JsonStatus.write(out, s);
        JsonStatus.write(out, s);
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(JsonStatus.line(s) + System.lineSeparator() + JsonStatus.line(s) + System.lineSeparator(), written);
    }
}
