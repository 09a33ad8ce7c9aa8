package dev.torrpedo.dht.routing;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The Kademlia routing table of BEP 5: a list of k-buckets where bucket {@code i} holds the
 * nodes whose ids share exactly {@code i} leading bits with ours, and the last bucket holds
 * everything closer; only the last bucket splits, so the table is detailed near our id and
 * sparse far away. Each bucket keeps a replacement cache of nodes that did not fit.
 *
 * <p>Only nodes that answered one of our queries are {@linkplain #heard added}. Pure: the
 * caller passes the time; no sockets, clocks or threads. Not thread-safe: confine it to the
 * node's event loop.
 */
public final class RoutingTable {

    /** What {@link #heard} did with a node. */
    public enum Outcome {
        /** Became a live node of its bucket. */
        ADDED,
        /** Was already there; its timers were refreshed. */
        UPDATED,
        /** Its bucket is full: kept in the replacement cache. */
        REPLACEMENT,
        /** Refused: it has our own id. */
        REJECTED_SELF,
        /** Refused: its id is in the table with another address. */
        REJECTED_ID_CONFLICT,
        /** Refused: its IP (or, within the bucket, its subnet) is taken by another node. */
        REJECTED_IP
    }

    private final NodeId own;
    private final RoutingConfig config;
    private final List<Bucket> buckets = new ArrayList<>();
    private final Map<NodeId, NodeEntry> byId = new HashMap<>();
    private final Map<InetAddress, NodeEntry> byIp = new HashMap<>();
    private int liveCount;

    /** An empty table centred on {@code own}. */
    public RoutingTable(NodeId own, RoutingConfig config, long now) {
        this.own = Objects.requireNonNull(own, "own");
        this.config = Objects.requireNonNull(config, "config");
        buckets.add(new Bucket(now));
    }

    /** @return our id, the centre of the table */
    public NodeId ownId() {
        return own;
    }

    /** @return the rules */
    public RoutingConfig config() {
        return config;
    }

    /** @return the number of live nodes */
    public int size() {
        return liveCount;
    }

    /** @return the number of nodes in replacement caches */
    public int replacementCount() {
        return byId.size() - liveCount;
    }

    /** @return the buckets, farthest first (read-only view) */
    public List<Bucket> buckets() {
        return Collections.unmodifiableList(buckets);
    }

    /** @return the live nodes of every bucket */
    public List<NodeEntry> liveNodes() {
        List<NodeEntry> out = new ArrayList<>(liveCount);
        for (Bucket b : buckets) {
            out.addAll(b.live);
        }
        return out;
    }

    /** @return the entry (live or replacement) with this id, or {@code null} */
    public NodeEntry find(NodeId id) {
        return byId.get(id);
    }

    /** @return the index of the bucket {@code id} belongs in */
    public int bucketIndex(NodeId id) {
        return Math.min(own.commonPrefixLength(id), buckets.size() - 1);
    }

    /**
     * Records that {@code contact} answered one of our queries.
     *
     * @param verified whether its id matches its IP by BEP 42 (or is exempt)
     */
    public Outcome heard(DhtContact contact, boolean verified, long now) {
        NodeId id = contact.id();
        if (id.equals(own)) {
            return Outcome.REJECTED_SELF;
        }
        NodeEntry known = byId.get(id);
        if (known != null) {
            if (known.address().equals(contact.address())) {
                known.responded(now);
                Bucket b = buckets.get(bucketIndex(id));
                b.lastChanged = now;
                if (b.replacements.contains(known) && b.live.size() < config.k()) {
                    b.replacements.remove(known);
                    b.live.add(known);
                    liveCount++;
                    return Outcome.ADDED;
                }
                return Outcome.UPDATED;
            }
            if (known.state(now, config) != NodeState.BAD) {
                return Outcome.REJECTED_ID_CONFLICT;
            }
            remove(known);
        }
        InetAddress ip = contact.address().getAddress();
        if (config.restrictIps()) {
            NodeEntry sameIp = byIp.get(ip);
            if (sameIp != null) {
                if (sameIp.state(now, config) != NodeState.BAD) {
                    return Outcome.REJECTED_IP;
                }
                remove(sameIp);
            }
        }
        while (true) {
            int index = bucketIndex(id);
            Bucket b = buckets.get(index);
            if (config.restrictIps() && subnetTaken(b, ip, now)) {
                return Outcome.REJECTED_IP;
            }
            NodeEntry entry = new NodeEntry(contact, verified, now);
            if (b.live.size() < config.k()) {
                addLive(b, entry, now);
                return Outcome.ADDED;
            }
            NodeEntry bad = worst(b.live, now, true);
            if (bad != null) {
                remove(bad);
                addLive(b, entry, now);
                return Outcome.ADDED;
            }
            if (index == buckets.size() - 1 && buckets.size() < NodeId.BITS) {
                split(now);
                continue;
            }
            if (config.preferVerified() && verified) {
                NodeEntry unverified = oldestUnverified(b.live);
                if (unverified != null) {
                    remove(unverified);
                    addLive(b, entry, now);
                    return Outcome.ADDED;
                }
            }
            if (config.replacements() == 0) {
                return Outcome.REPLACEMENT;
            }
            if (b.replacements.size() >= config.replacements()) {
                NodeEntry drop = worst(b.replacements, now, false);
                remove(drop != null ? drop : b.replacements.get(0));
            }
            b.replacements.add(entry);
            index(entry);
            return Outcome.REPLACEMENT;
        }
    }

    /**
     * Whether {@link #heard} would make {@code contact} a live node now: used to decide if a
     * node that queried us is worth a ping.
     */
    public boolean wouldAddLive(DhtContact contact, boolean verified, long now) {
        NodeId id = contact.id();
        if (id.equals(own) || byId.containsKey(id)) {
            return false;
        }
        InetAddress ip = contact.address().getAddress();
        if (config.restrictIps()) {
            NodeEntry sameIp = byIp.get(ip);
            if (sameIp != null && sameIp.state(now, config) != NodeState.BAD) {
                return false;
            }
        }
        int index = bucketIndex(id);
        Bucket b = buckets.get(index);
        if (config.restrictIps() && subnetTaken(b, ip, now)) {
            return false;
        }
        return b.live.size() < config.k() || worst(b.live, now, true) != null
                || (index == buckets.size() - 1 && buckets.size() < NodeId.BITS)
                || (config.preferVerified() && verified && oldestUnverified(b.live) != null);
    }

    /** Records that {@code contact} sent us a query: a node that answered before stays good. */
    public void queriedUs(DhtContact contact, long now) {
        NodeEntry e = byId.get(contact.id());
        if (e != null && e.address().equals(contact.address())) {
            e.queriedUs(now);
        }
    }

    /**
     * Records that {@code contact} did not answer a query. A live node that turns bad gives
     * its place to the newest node of the replacement cache.
     */
    public void failed(DhtContact contact, long now) {
        NodeEntry e = byId.get(contact.id());
        if (e == null || !e.address().equals(contact.address())) {
            return;
        }
        e.failed();
        if (e.state(now, config) != NodeState.BAD) {
            return;
        }
        Bucket b = buckets.get(bucketIndex(e.id()));
        if (b.replacements.remove(e)) {
            unindex(e);
            return;
        }
        if (!b.replacements.isEmpty()) {
            remove(e);
            NodeEntry promoted = b.replacements.remove(b.replacements.size() - 1);
            b.live.add(promoted);
            liveCount++;
        }
    }

    /** @return up to {@code n} live, not bad nodes closest to {@code target}, closest first */
    public List<DhtContact> closest(NodeId target, int n, long now) {
        List<NodeEntry> all = new ArrayList<>(Math.min(liveCount, 512));
        for (Bucket b : buckets) {
            for (NodeEntry e : b.live) {
                if (e.state(now, config) != NodeState.BAD) {
                    all.add(e);
                }
            }
        }
        Comparator<NodeEntry> byDistance = (x, y) -> target.compareDistance(x.id(), y.id());
        all.sort(byDistance);
        List<DhtContact> out = new ArrayList<>(Math.min(n, all.size()));
        for (int i = 0; i < all.size() && i < n; i++) {
            out.add(all.get(i).contact());
        }
        return out;
    }

    /** @return the live node that has gone longest without answering, if it is questionable, else {@code null} */
    public NodeEntry oldestQuestionable(long now) {
        NodeEntry oldest = null;
        for (Bucket b : buckets) {
            for (NodeEntry e : b.live) {
                if (e.state(now, config) == NodeState.QUESTIONABLE
                        && (oldest == null || e.lastResponse() < oldest.lastResponse())) {
                    oldest = e;
                }
            }
        }
        return oldest;
    }

    /** @return the index of a bucket unchanged for {@code refreshMillis}, or -1 */
    public int staleBucket(long now, long refreshMillis) {
        for (int i = 0; i < buckets.size(); i++) {
            if (now - buckets.get(i).lastChanged >= refreshMillis) {
                return i;
            }
        }
        return -1;
    }

    /** Marks bucket {@code index} as refreshed now (a refresh lookup was started for it). */
    public void touch(int index, long now) {
        buckets.get(index).lastChanged = now;
    }

    /** @return a random id that falls in bucket {@code index} */
    public NodeId randomIdIn(int index, RandomGenerator random) {
        byte[] id = new byte[NodeId.LENGTH];
        random.nextBytes(id);
        byte[] ours = own.bytes();
        boolean last = index == buckets.size() - 1;
        int keep = index; // leading bits copied from our id
        for (int bit = 0; bit < keep; bit++) {
            setBit(id, bit, (ours[bit >>> 3] & (0x80 >>> (bit & 7))) != 0);
        }
        if (!last) {
            setBit(id, index, (ours[index >>> 3] & (0x80 >>> (index & 7))) == 0);
        }
        return NodeId.of(id);
    }

    /** @return a table centred on {@code newOwn} holding the live nodes of this one (after our id changed) */
    public RoutingTable recentre(NodeId newOwn, long now) {
        RoutingTable t = new RoutingTable(newOwn, config, now);
        for (Bucket b : buckets) {
            for (NodeEntry e : b.live) {
                t.heard(e.contact(), e.verified(), e.lastResponse());
            }
        }
        return t;
    }

    /**
     * Checks the table's invariants: bucket sizes, every node in the bucket its id belongs
     * in, no duplicate ids, our own id absent, one node per IP when IPs are restricted.
     *
     * @throws IllegalStateException naming the first one broken
     */
    public void checkInvariants() {
        int live = 0;
        int total = 0;
        Map<InetAddress, NodeEntry> ips = new HashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            if (b.live.size() > config.k()) {
                throw new IllegalStateException("bucket " + i + " holds " + b.live.size() + " nodes (k=" + config.k() + ")");
            }
            if (b.replacements.size() > config.replacements()) {
                throw new IllegalStateException("bucket " + i + " replacement cache holds " + b.replacements.size());
            }
            List<NodeEntry> all = new ArrayList<>(b.live);
            all.addAll(b.replacements);
            for (NodeEntry e : all) {
                if (e.id().equals(own)) {
                    throw new IllegalStateException("our own id is in bucket " + i);
                }
                if (bucketIndex(e.id()) != i) {
                    throw new IllegalStateException(e + " is in bucket " + i + ", belongs in " + bucketIndex(e.id()));
                }
                if (byId.get(e.id()) != e) {
                    throw new IllegalStateException(e + " is not indexed by id");
                }
                if (config.restrictIps() && ips.put(e.address().getAddress(), e) != null) {
                    throw new IllegalStateException("two nodes with IP " + e.address().getAddress());
                }
            }
            live += b.live.size();
            total += all.size();
        }
        if (live != liveCount || total != byId.size()) {
            throw new IllegalStateException("counts: " + live + "/" + total + " vs " + liveCount + "/" + byId.size());
        }
    }

    private void addLive(Bucket b, NodeEntry e, long now) {
        b.live.add(e);
        b.lastChanged = now;
        liveCount++;
        index(e);
    }

    private void index(NodeEntry e) {
        byId.put(e.id(), e);
        if (config.restrictIps()) {
            byIp.put(e.address().getAddress(), e);
        }
    }

    private void unindex(NodeEntry e) {
        byId.remove(e.id());
        if (config.restrictIps()) {
            byIp.remove(e.address().getAddress(), e);
        }
    }

    private void remove(NodeEntry e) {
        Bucket b = buckets.get(bucketIndex(e.id()));
        if (b.live.remove(e)) {
            liveCount--;
        } else {
            b.replacements.remove(e);
        }
        unindex(e);
    }

    private void split(long now) {
        int n = buckets.size();
        Bucket old = buckets.get(n - 1);
        Bucket near = new Bucket(now);
        buckets.add(near);
        old.lastChanged = now;
        moveNear(old.live, near.live, n);
        moveNear(old.replacements, near.replacements, n);
        promote(old);
        promote(near);
        while (near.live.size() > config.k()) {
            NodeEntry e = near.live.remove(near.live.size() - 1);
            liveCount--;
            near.replacements.add(0, e);
        }
        while (near.replacements.size() > config.replacements()) {
            unindex(near.replacements.remove(0));
        }
    }

    private void moveNear(List<NodeEntry> from, List<NodeEntry> to, int index) {
        for (int i = 0; i < from.size(); ) {
            NodeEntry e = from.get(i);
            if (own.commonPrefixLength(e.id()) >= index) {
                to.add(from.remove(i));
            } else {
                i++;
            }
        }
    }

    private void promote(Bucket b) {
        while (b.live.size() < config.k() && !b.replacements.isEmpty()) {
            b.live.add(b.replacements.remove(b.replacements.size() - 1));
            liveCount++;
        }
    }

    private boolean subnetTaken(Bucket b, InetAddress ip, long now) {
        long subnet = AddressClass.subnet(ip);
        for (NodeEntry e : b.live) {
            if (AddressClass.subnet(e.address().getAddress()) == subnet && e.state(now, config) != NodeState.BAD) {
                return true;
            }
        }
        return false;
    }

    /** @return a bad node of {@code list} (or, unless {@code badOnly}, its least recently heard), or {@code null} */
    private NodeEntry worst(List<NodeEntry> list, long now, boolean badOnly) {
        NodeEntry worst = null;
        for (NodeEntry e : list) {
            if (e.state(now, config) == NodeState.BAD) {
                return e;
            }
            if (!badOnly && (worst == null || e.lastResponse() < worst.lastResponse())) {
                worst = e;
            }
        }
        return worst;
    }

    private static NodeEntry oldestUnverified(List<NodeEntry> list) {
        NodeEntry oldest = null;
        for (NodeEntry e : list) {
            if (!e.verified() && (oldest == null || e.lastResponse() < oldest.lastResponse())) {
                oldest = e;
            }
        }
        return oldest;
    }

    private static void setBit(byte[] id, int bit, boolean value) {
        if (value) {
            id[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
        } else {
            id[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
    }
}
