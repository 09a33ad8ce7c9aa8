package dev.torrpedo.engine.internal.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AllowedFastSetTest {
    private static final byte[] AA = new byte[20];

    static {
        Arrays.fill(AA, (byte) 0xaa);
    }

    @Test
    void matchesTheExamplesOfBep6() throws Exception {
        InetAddress ip = InetAddress.getByName("80.4.4.200");
        assertArrayEquals(new int[] {1059, 431, 808, 1217, 287, 376, 1188}, AllowedFastSet.compute(7, 1313, AA, ip));
        assertArrayEquals(new int[] {1059, 431, 808, 1217, 287, 376, 1188, 353, 508}, AllowedFastSet.compute(9, 1313, AA, ip));
    }

    @Test
    void onlyTheSlash24Counts() throws Exception {
        assertArrayEquals(AllowedFastSet.compute(10, 1313, AA, InetAddress.getByName("80.4.4.200")),
                AllowedFastSet.compute(10, 1313, AA, InetAddress.getByName("80.4.4.1")));
    }

    @Test
    void aSmallTorrentGivesEveryPieceAtMost() throws Exception {
        int[] all = AllowedFastSet.compute(10, 3, AA, InetAddress.getByName("10.0.0.1"));
        assertEquals(3, all.length);
        assertEquals(3, Arrays.stream(all).distinct().count());
        int[] v6 = AllowedFastSet.compute(10, 1000, AA, InetAddress.getByName("2001:db8::1"));
        assertArrayEquals(v6, AllowedFastSet.compute(10, 1000, AA, InetAddress.getByName("2001:db8::ffff")));
        assertTrue(Arrays.stream(v6).allMatch(p -> p >= 0 && p < 1000));
        assertThrows(IllegalArgumentException.class, () -> AllowedFastSet.compute(1, 0, AA, InetAddress.getByName("10.0.0.1")));
    }
}
