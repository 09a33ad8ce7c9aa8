package dev.torrpedo.dht;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BencodeDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test vectors of BEP 44, and signing with the JDK's Ed25519. */
class MutableItemTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("77ff84905a91936367c01360803104f92432fcd904a43511876df5cdf3e7e548");
    private static final BString HELLO = BString.of("Hello World!");

    @Test
    void mutableWithoutSalt() {
        assertEquals("3:seqi1e1:v12:Hello World!",
                new String(MutableItem.signedBytes(new byte[0], 1, HELLO), StandardCharsets.US_ASCII));
        MutableItem item = new MutableItem(KEY, new byte[0], 1, HELLO, HEX.parseHex(
                "305ac8aeb6c9c151fa120f120ea2cfb923564e11552d06a5d856091e5e853cff"
                        + "1260d3f39e4999684aa92eb73ffd136e6f4f3ecbfda0ce53a1608ecd7ae21f01"));
        assertTrue(item.verify());
        assertEquals(NodeId.parseHex("4a533d47ec9c7d95b1ad75f576cffc641853b750"), item.target());
        assertFalse(new MutableItem(KEY, new byte[0], 2, HELLO, item.signature()).verify(), "another seq");
    }

    @Test
    void mutableWithSalt() {
        byte[] salt = "foobar".getBytes(StandardCharsets.US_ASCII);
        assertEquals("4:salt6:foobar3:seqi1e1:v12:Hello World!",
                new String(MutableItem.signedBytes(salt, 1, HELLO), StandardCharsets.US_ASCII));
        MutableItem item = new MutableItem(KEY, salt, 1, HELLO, HEX.parseHex(
                "6834284b6b24c3204eb2fea824d82f88883a3d95e8b4a21b8c0ded553d17d17d"
                        + "df9a8a7104b1258f30bed3787e6cb896fca78c58f8e03b5f18f14951a87d9a08"));
        assertTrue(item.verify());
        assertEquals(NodeId.parseHex("411eba73b6f087ca51a3795d9c8c938d365e32c1"), item.target());
        assertFalse(new MutableItem(KEY, new byte[0], 1, HELLO, item.signature()).verify(), "salt left out");
    }

    @Test
    void immutable() {
        assertEquals(NodeId.parseHex("e5f96f6f38320f0f33959cb4d3d656452117aadb"), new ImmutableItem(HELLO).target());
    }

    @Test
    void signsWithTheJdk() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        MutableItem item = MutableItem.sign(keys, "s".getBytes(StandardCharsets.US_ASCII), 7,
                BencodeDecoder.strict().decode("d1:ai1ee".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(item.verify());
        assertEquals(32, item.publicKey().length);
        assertArrayEquals(item.target().bytes(), MutableItem.target(item.publicKey(), item.salt()).bytes());
        byte[] sig = item.signature();
        sig[5] ^= 1;
        assertFalse(new MutableItem(item.publicKey(), item.salt(), 7, item.value(), sig).verify());
    }
}
