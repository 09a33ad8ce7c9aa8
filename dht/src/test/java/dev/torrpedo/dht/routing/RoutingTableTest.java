package dev.torrpedo.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    private static final long MIN = 60_000;
    private static final RoutingConfig STRICT = new RoutingConfig(8, 8, true, true, 2, 15 * MIN);
    private static final RoutingConfig LOOSE = new RoutingConfig(8, 8, false, true, 2, 15 * MIN);
    private final SplittableRandom random = new SplittableRandom(7);
    private final NodeId own = NodeId.random(random);

    static DhtContact contact(NodeId id, int a, int b, int c, int d) {
        try {
            return new DhtContact(id, new InetSocketAddress(InetAddress.getByAddress(
                    new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}), 6881));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private DhtContact randomContact() {
        return contact(NodeId.random(random), 1 + random.nextInt(200), random.nextInt(256), random.nextInt(256), 1);
    }

    /** @return an id sharing exactly {@code prefix} leading bits with ours */
    private NodeId idAt(int prefix) {
        byte[] b = NodeId.random(random).bytes();
        byte[] o = own.bytes();
        for (int i = 0; i < prefix; i++) {
            int mask = 0x80 >>> (i & 7);
            b[i >>> 3] = (byte) ((b[i >>> 3] & ~mask) | (o[i >>> 3] & mask));
        }
        int mask = 0x80 >>> (prefix & 7);
        b[prefix >>> 3] = (byte) ((b[prefix >>> 3] & ~mask) | (~o[prefix >>> 3] & mask));
        return NodeId.of(b);
    }

    @Test
    void bucketsSplitOnOurIdAndStayValid() {
        RoutingTable t = new RoutingTable(own, STRICT, 0);
        for (int i = 0; i < 2000; i++) {
            t.heard(randomContact(), false, 0);
            if (i % 100 == 0) {
                t.checkInvariants();
            }
        }
        t.checkInvariants();
        assertTrue(t.buckets().size() > 5, "buckets: " + t.buckets().size());
        assertTrue(t.size() <= 8 * t.buckets().size());
        // far buckets are full; the table knows most about ids near ours
        assertEquals(8, t.buckets().get(0).live().size());
        assertEquals(8, t.buckets().get(1).live().size());
    }

    @Test
    void oursAndConflictingIdsAreRefused() {
        RoutingTable t = new RoutingTable(own, STRICT, 0);
        assertEquals(RoutingTable.Outcome.REJECTED_SELF, t.heard(contact(own, 1, 1, 1, 1), false, 0));
        NodeId id = idAt(0);
        assertEquals(RoutingTable.Outcome.ADDED, t.heard(contact(id, 2, 2, 2, 2), false, 0));
        assertEquals(RoutingTable.Outcome.UPDATED, t.heard(contact(id, 2, 2, 2, 2), false, 1));
        assertEquals(RoutingTable.Outcome.REJECTED_ID_CONFLICT, t.heard(contact(id, 3, 3, 3, 3), false, 2));
    }

    @Test
    void oneEntryPerIpAndPerSubnetInABucket() {
        RoutingTable strict = new RoutingTable(own, STRICT, 0);
        assertEquals(RoutingTable.Outcome.ADDED, strict.heard(contact(idAt(0), 9, 9, 9, 9), false, 0));
        assertEquals(RoutingTable.Outcome.REJECTED_IP, strict.heard(contact(idAt(1), 9, 9, 9, 9), false, 0));
        assertEquals(RoutingTable.Outcome.REJECTED_IP, strict.heard(contact(idAt(0), 9, 9, 9, 10), false, 0));
        RoutingTable loose = new RoutingTable(own, LOOSE, 0);
        assertEquals(RoutingTable.Outcome.ADDED, loose.heard(contact(idAt(0), 9, 9, 9, 9), false, 0));
        assertEquals(RoutingTable.Outcome.ADDED, loose.heard(contact(idAt(1), 9, 9, 9, 9), false, 0));
        assertEquals(RoutingTable.Outcome.ADDED, loose.heard(contact(idAt(0), 9, 9, 9, 10), false, 0));
        loose.checkInvariants();
    }

    @Test
    void nodesAgeFromGoodToQuestionableAndFailToBad() {
        RoutingTable t = new RoutingTable(own, STRICT, 0);
        DhtContact c = contact(idAt(3), 4, 4, 4, 4);
        t.heard(c, false, 0);
        NodeEntry e = t.find(c.id());
        assertEquals(NodeState.GOOD, e.state(15 * MIN - 1, STRICT));
        assertEquals(NodeState.QUESTIONABLE, e.state(15 * MIN, STRICT));
        t.queriedUs(c, 20 * MIN); // answered once, queried us lately: good (BEP 5)
        assertEquals(NodeState.GOOD, e.state(21 * MIN, STRICT));
        assertEquals(e, t.oldestQuestionable(40 * MIN));
        t.failed(c, 40 * MIN);
        assertEquals(NodeState.QUESTIONABLE, e.state(40 * MIN, STRICT));
        t.failed(c, 41 * MIN);
        assertEquals(NodeState.BAD, e.state(41 * MIN, STRICT));
        assertTrue(t.closest(c.id(), 8, 41 * MIN).isEmpty(), "bad nodes are not handed out");
        t.heard(c, false, 42 * MIN);
        assertEquals(NodeState.GOOD, e.state(42 * MIN, STRICT));
    }

    @Test
    void aBadNodeGivesWayToItsReplacement() {
        RoutingTable t = new RoutingTable(own, STRICT, 0);
        // fill bucket 0 (it will split once: the rest lands in bucket 0 as far ids)
        List<DhtContact> far = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            DhtContact c = contact(idAt(0), 10 + i, i, 0, 1);
            far.add(c);
            t.heard(c, false, 0);
        }
        t.heard(contact(idAt(5), 50, 0, 0, 1), false, 0); // forces the split
        DhtContact extra = contact(idAt(0), 60, 0, 0, 1);
        assertEquals(RoutingTable.Outcome.REPLACEMENT, t.heard(extra, false, 1));
        assertEquals(1, t.buckets().get(0).replacements().size());
        t.failed(far.get(3), 2);
        t.failed(far.get(3), 3);
        assertNull(t.find(far.get(3).id()));
        assertNotNull(t.find(extra.id()));
        assertTrue(t.buckets().get(0).live().contains(t.find(extra.id())));
        t.checkInvariants();
    }

    @Test
    void verifiedIdsArePreferredInAFullBucket() {
        RoutingTable t = new RoutingTable(own, STRICT, 0);
        for (int i = 0; i < 8; i++) {
            t.heard(contact(idAt(0), 10 + i, i, 0, 1), false, 0);
        }
        t.heard(contact(idAt(5), 50, 0, 0, 1), false, 0);
        assertEquals(RoutingTable.Outcome.REPLACEMENT, t.heard(contact(idAt(0), 70, 0, 0, 1), false, 1));
        assertEquals(RoutingTable.Outcome.ADDED, t.heard(contact(idAt(0), 71, 0, 0, 1), true, 1));
        assertEquals(8, t.buckets().get(0).live().size());
        t.checkInvariants();
    }

    @Test
    void staleBucketsGetRandomTargetsInsideThem() {
        RoutingTable t = new RoutingTable(own, STRICT, 0);
        for (int i = 0; i < 500; i++) {
            t.heard(randomContact(), false, 0);
        }
        assertEquals(-1, t.staleBucket(14 * MIN, 15 * MIN));
        int stale = t.staleBucket(15 * MIN, 15 * MIN);
        assertEquals(0, stale);
        for (int i = 0; i < t.buckets().size(); i++) {
            for (int j = 0; j < 20; j++) {
                assertEquals(i, t.bucketIndex(t.randomIdIn(i, random)));
            }
        }
        t.touch(0, 15 * MIN);
        assertEquals(1, t.staleBucket(15 * MIN, 15 * MIN));
    }

    @Test
    void closestIsSortedByDistance() {
        RoutingTable t = new RoutingTable(own, LOOSE, 0);
        for (int i = 0; i < 300; i++) {
            t.heard(randomContact(), false, 0);
        }
        NodeId target = NodeId.random(random);
        List<DhtContact> closest = t.closest(target, 8, 0);
        assertEquals(8, closest.size());
        for (int i = 1; i < closest.size(); i++) {
            assertTrue(target.compareDistance(closest.get(i - 1).id(), closest.get(i).id()) < 0);
        }
        for (NodeEntry e : t.liveNodes()) {
            if (!closest.contains(e.contact())) {
                assertTrue(target.compareDistance(closest.get(7).id(), e.id()) < 0);
            }
        }
    }

    @Test
    void recentringKeepsTheNodes() {
        RoutingTable t = new RoutingTable(own, STRICT, 0);
        for (int i = 0; i < 300; i++) {
            t.heard(randomContact(), false, 0);
        }
        RoutingTable moved = t.recentre(NodeId.random(random), 1);
        moved.checkInvariants();
        // seen from a random new id, most old nodes are far: its two farthest buckets fill up
        assertTrue(moved.size() >= 16, "size " + moved.size());
        for (NodeEntry e : moved.liveNodes()) {
            assertNotNull(t.find(e.id()));
        }
    }
}
