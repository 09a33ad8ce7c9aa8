package dev.torrpedo.dht.internal;

import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.krpc.KrpcError;
import dev.torrpedo.dht.krpc.KrpcMethod;
import dev.torrpedo.dht.krpc.KrpcQuery;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.QueryArgs;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Our outstanding queries, by 2-byte transaction id. An answer counts only if it comes
 * from the address we asked and, when we knew the node's id, carries that id; anything
 * else is a failure of the query. Queries time out in the order they were sent, so the
 * oldest is always first. Loop-confined.
 */
final class Rpc {

    /** What happens to one query. Called on the event loop. */
    interface Callback {
        /** The node answered (its id already checked against the one expected). */
        void onResponse(KrpcResponse response);

        /** The node answered with an error, timed out, or answered with the wrong id. */
        void onFailure(KrpcError errorOrNull);

        /** The query is older than the slow timeout; a lookup may send another. Called at most once. */
        default void onSlow() {
        }
    }

    /** Sends one encoded query. */
    interface Sender {
        void send(KrpcQuery query, InetSocketAddress to);
    }

    static final class Pending {
        final InetSocketAddress to;
        final NodeId expected;
        final KrpcMethod method;
        final Callback callback;
        final long sent;
        boolean slow;

        Pending(InetSocketAddress to, NodeId expected, KrpcMethod method, Callback callback, long sent) {
            this.to = to;
            this.expected = expected;
            this.method = method;
            this.callback = callback;
            this.sent = sent;
        }
    }

    private final Sender sender;
    private final int capacity;
    private final long timeoutMillis;
    private final long slowMillis;
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private int next;
    private long timeouts;

    Rpc(Sender sender, int capacity, long timeoutMillis, long slowMillis, RandomGenerator random) {
        this.sender = sender;
        this.capacity = capacity;
        this.timeoutMillis = timeoutMillis;
        this.slowMillis = slowMillis;
        this.next = random.nextInt(1 << 16);
    }

    /**
     * Sends {@code args} to {@code to}.
     *
     * @param expected the id we believe the node has, or {@code null} (a router or a new node)
     * @return false, without sending, when too many queries are pending
     */
    boolean send(InetSocketAddress to, NodeId expected, NodeId ownId, boolean readOnly, QueryArgs args,
                 Callback callback, long now) {
        if (pending.size() >= capacity) {
            return false;
        }
        int tid;
        do {
            tid = next;
            next = (next + 1) & 0xffff;
        } while (pending.containsKey(tid));
        pending.put(tid, new Pending(to, expected, args.method(), callback, now));
        sender.send(new KrpcQuery(new byte[] {(byte) (tid >>> 8), (byte) tid}, ownId, readOnly, args), to);
        return true;
    }

    /** @return the method of our pending query with this id, for the decoder */
    KrpcMethod methodOf(byte[] tid) {
        if (tid.length != 2) {
            return null;
        }
        Pending p = pending.get(key(tid));
        return p == null ? null : p.method;
    }

    /**
     * Matches an answer to its query.
     *
     * @return the pending query it answered, or {@code null} if it answers none of ours from that address
     */
    Pending take(byte[] tid, InetSocketAddress from) {
        if (tid.length != 2) {
            return null;
        }
        int key = key(tid);
        Pending p = pending.get(key);
        if (p == null || !p.to.equals(from)) {
            return null;
        }
        pending.remove(key);
        return p;
    }

    /** Fails queries older than the timeout; tells lookups about slow ones. */
    void tick(long now) {
        List<Pending> expired = new ArrayList<>();
        List<Pending> slow = new ArrayList<>();
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.sent >= timeoutMillis) {
                it.remove();
                expired.add(p);
            } else if (now - p.sent >= slowMillis) {
                if (!p.slow) {
                    p.slow = true;
                    slow.add(p);
                }
            } else {
                break; // sent in order: the rest are younger
            }
        }
        timeouts += expired.size();
        for (Pending p : expired) {
            p.callback.onFailure(null);
        }
        for (Pending p : slow) {
            p.callback.onSlow();
        }
    }

    /** Fails every pending query (the node is closing). */
    void cancelAll() {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            p.callback.onFailure(null);
        }
    }

    int size() {
        return pending.size();
    }

    long timeouts() {
        return timeouts;
    }

    private static int key(byte[] tid) {
        return ((tid[0] & 0xff) << 8) | (tid[1] & 0xff);
    }
}
