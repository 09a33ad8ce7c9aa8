package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PeerIdTest {

    @Test
    void oursIsAzureusStyle() {
        PeerId id = PeerId.generate(new SplittableRandom(1));
        String s = new String(id.bytes(), StandardCharsets.US_ASCII);
        assertTrue(s.matches("-TP\\d{4}-[0-9A-Za-z]{12}"), s);
        assertEquals("TP0100", id.azureusClient());
        assertNotEquals(id, PeerId.generate(new SplittableRandom(2)));
        assertEquals(id, PeerId.generate(new SplittableRandom(1)));
    }

    @Test
    void readsOtherClients() {
        assertEquals("LT2080", PeerId.of("-LT2080-abcdefghijkl".getBytes(StandardCharsets.US_ASCII)).azureusClient());
        assertEquals("", PeerId.of(new byte[20]).azureusClient());
        assertEquals("%00".repeat(20), PeerId.of(new byte[20]).toString());
        assertThrows(IllegalArgumentException.class, () -> PeerId.of(new byte[21]));
    }
}
