package dev.torrpedo.dht.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test vector of BEP 33. */
class BloomFilterTest {
    private static final String EXPECTED = ""
            + "F6C3F5EAA07FFD91BDE89F777F26FB2BFF37BDB8FB2BBAA2FD3DDDE7BACFFF75EE7CCBAE"
            + "FE5EEDB1FBFAFF67F6ABFF5E43DDBCA3FD9B9FFDF4FFD3E9DFF12D1BDF59DB53DBE9FA5B"
            + "7FF3B8FDFCDE1AFB8BEDD7BE2F3EE71EBBBFE93BCDEEFE148246C2BC5DBFF7E7EFDCF24F"
            + "D8DC7ADFFD8FFFDFDDFFF7A4BBEEDF5CB95CE81FC7FCFF1FF4FFFFDFE5F7FDCBB7FD79B3"
            + "FA1FC77BFE07FFF905B7B7FFC7FEFEFFE0B8370BB0CD3F5B7F2BD93FEB4386CFDD6F7FD5"
            + "BFAF2E9EBFFFFEECD67ADBF7C67F17EFD5D75EBA6FFEBA7FFF47A91EB1BFBB53E8ABFB57"
            + "62ABE8FF237279BFEFBFEEF5FFC5FEBFDFE5ADFFADFEE1FB737FFFFBFD9F6AEFFEEE76B6"
            + "FD8F72EF";

    @Test
    void bep33Vector() throws Exception {
        BloomFilter f = new BloomFilter();
        for (int i = 0; i <= 255; i++) {
            f.insert(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) i}));
        }
        for (int i = 0; i <= 0x3e7; i++) {
            byte[] v6 = new byte[16];
            v6[0] = 0x20;
            v6[1] = 0x01;
            v6[2] = 0x0d;
            v6[3] = (byte) 0xb8;
            v6[14] = (byte) (i >>> 8);
            v6[15] = (byte) i;
            f.insert(v6);
        }
        assertArrayEquals(HexFormat.of().parseHex(EXPECTED.toLowerCase()), f.toBytes());
        assertEquals(1224.9308, f.estimate(), 0.0001);
    }

    @Test
    void unionCountsBoth() throws Exception {
        BloomFilter a = new BloomFilter();
        BloomFilter b = new BloomFilter();
        for (int i = 0; i < 100; i++) {
            a.insert(new byte[] {10, 0, 0, (byte) i});
            b.insert(new byte[] {10, 0, 1, (byte) i});
        }
        a.union(BloomFilter.of(b.toBytes()));
        assertEquals(200, a.estimate(), 15);
        assertEquals(0, new BloomFilter().estimate(), 0.5); // the BEP formula caps the zero count at m - 1
    }
}
