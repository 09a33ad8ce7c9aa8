package dev.torrpedo.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AllowedFastSetTest {
    private static final byte[] AA = Golden.filled(20, 0xAA);

    /** The two example sets of BEP 6: 1313 pieces, info hash aa..aa, peer 80.4.4.200. */
    @Test
    void bep6TestVectors() throws Exception {
        InetAddress peer = InetAddress.getByAddress(new byte[] {80, 4, 4, (byte) 200});
        assertArrayEquals(new int[] {1059, 431, 808, 1217, 287, 376, 1188}, AllowedFastSet.compute(peer, AA, 1313, 7));
        assertArrayEquals(new int[] {1059, 431, 808, 1217, 287, 376, 1188, 353, 508},
                AllowedFastSet.compute(peer, AA, 1313, 9));
    }

    @Test
    void theLastOctetDoesNotMatterAndKIsCappedAtThePieceCount() throws Exception {
        InetAddress a = InetAddress.getByAddress(new byte[] {80, 4, 4, 1});
        InetAddress b = InetAddress.getByAddress(new byte[] {80, 4, 4, (byte) 200});
        assertArrayEquals(AllowedFastSet.compute(a, AA, 1313, 10), AllowedFastSet.compute(b, AA, 1313, 10));
        int[] all = AllowedFastSet.compute(a, AA, 3, 10);
        assertEquals(3, all.length);
        assertEquals(3, java.util.Arrays.stream(all).distinct().count());
    }

    @Test
    void ipv6NeighboursInOneSlash48ShareASet() throws Exception {
        InetAddress a = InetAddress.getByName("2001:db8:1:2::1");
        InetAddress b = InetAddress.getByName("2001:db8:1:ffff::9");
        assertArrayEquals(AllowedFastSet.compute(a, AA, 5000, 10), AllowedFastSet.compute(b, AA, 5000, 10));
    }
}
