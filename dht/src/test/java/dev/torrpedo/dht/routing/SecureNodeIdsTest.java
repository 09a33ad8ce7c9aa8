package dev.torrpedo.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.dht.NodeId;
import java.net.InetAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The test vectors of BEP 42. */
class SecureNodeIdsTest {

    @ParameterizedTest
    @CsvSource({
        "124.31.75.21, 5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401",
        "21.75.31.124, 5a3ce9c14e7a08645677bbd1cfe7d8f956d53256",
        "65.23.51.170, a5d43220bc8f112a3d426c84764f8c2a1150e616",
        "84.124.73.14, 1b0321dd1bb1fe518101ceef99462b947a01ff41",
        "43.213.53.83, e56f6cbf5b7c4be0237986d5243b87aa6d51305a",
    })
    void bepVectorsMatchTheirIps(String ip, String id) throws Exception {
        NodeId nodeId = NodeId.parseHex(id);
        InetAddress address = InetAddress.getByName(ip);
        assertTrue(SecureNodeIds.matches(nodeId, address));
        assertFalse(SecureNodeIds.matches(nodeId, InetAddress.getByName("1.2.3.4")));
    }

    @ParameterizedTest
    @CsvSource({"124.31.75.21", "21.75.31.124", "2001:4860:4860::8888", "84.124.73.14"})
    void generatedIdsVerify(String ip) throws Exception {
        InetAddress address = InetAddress.getByName(ip);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 50; i++) {
            NodeId id = SecureNodeIds.generate(address, random);
            assertTrue(SecureNodeIds.matches(id, address), id.hex());
        }
    }

    @Test
    void theFirstTwentyOneBitsAndTheLastByteCarryTheProof() throws Exception {
        InetAddress ip = InetAddress.getByName("124.31.75.21");
        NodeId id = NodeId.parseHex("5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401");
        byte[] b = id.bytes();
        b[2] ^= 0x08; // bit 21 of the prefix
        assertFalse(SecureNodeIds.matches(NodeId.of(b), ip));
        b = id.bytes();
        b[2] ^= 0x04; // a random bit
        b[10] ^= 0x55;
        assertTrue(SecureNodeIds.matches(NodeId.of(b), ip));
        b = id.bytes();
        b[19] ^= 0x01; // r
        assertFalse(SecureNodeIds.matches(NodeId.of(b), ip));
    }

    @Test
    void localAddressesAreExemptOnlyWhenAsked() throws Exception {
        NodeId random = NodeId.random(new SplittableRandom(1));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertTrue(SecureNodeIds.verified(random, loopback, true));
        assertFalse(SecureNodeIds.verified(random, loopback, false));
        assertEquals(true, SecureNodeIds.verified(SecureNodeIds.generate(loopback, new SplittableRandom(2)), loopback, false));
    }
}
