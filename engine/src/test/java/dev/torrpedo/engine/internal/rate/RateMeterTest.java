package dev.torrpedo.engine.internal.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    private static final long MS = 1_000_000L;

    @Test
    void aSteadyFlowReadsAsItsRate() {
        long t = 123_456_789L; // any origin
        RateMeter m = new RateMeter(t);
        for (int i = 0; i < 100; i++) {
            t += 100 * MS;
            m.add(10_000, t); // 100 kB/s
        }
        assertEquals(100_000, m.rate(t), 3_000, "within one sample of the slot edge");
        assertEquals(1_000_000, m.total());
    }

    @Test
    void aYoungMeterReportsOverItsAge() {
        RateMeter m = new RateMeter(0);
        m.add(50_000, 500 * MS);
        // half a second old, but never less than one slot (1 s)
        assertEquals(50_000, m.rate(500 * MS));
        m.add(50_000, 1500 * MS);
        assertEquals(100_000 * 1000 / 1500, m.rate(1500 * MS), 1);
    }

    @Test
    void aStoppedFlowFadesOutAfterTheWindow() {
        RateMeter m = new RateMeter(0);
        for (int i = 1; i <= 10; i++) {
            m.add(100_000, i * 1000 * MS);
        }
        assertEquals(100_000, m.rate(10_000 * MS), 25_000);
        assertEquals(0, m.rate(16_000 * MS));
        assertEquals(0, m.rate(1_000_000 * MS), "a long gap clears every slot");
    }

    @Test
    void windowIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(1000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateMeter(3, 5, 0));
    }
}
