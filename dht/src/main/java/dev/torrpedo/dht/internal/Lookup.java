package dev.torrpedo.dht.internal;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.krpc.KrpcError;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.QueryArgs;
import dev.torrpedo.dht.krpc.ResponseBody;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An iterative Kademlia lookup: keeps the candidates sorted by distance to the target,
 * queries the closest unqueried ones with at most {@code alpha} requests in flight (a
 * request past the slow timeout frees its slot), and finishes when the {@code k} closest
 * live candidates have all answered. Each candidate remembers how many hops from our own
 * table it was found ({@link #rounds()}). Loop-confined.
 */
abstract class Lookup {

    enum State { NEW, IN_FLIGHT, SLOW, RESPONDED, FAILED }

    static final class Candidate {
        final InetSocketAddress address;
        NodeId id; // null for a bootstrap node until it answers
        final int depth;
        State state = State.NEW;
        byte[] token;
        boolean verified;

        Candidate(NodeId id, InetSocketAddress address, int depth) {
            this.id = id;
            this.address = address;
            this.depth = depth;
        }

        DhtContact contact() {
            return new DhtContact(id, address);
        }
    }

    final LookupContext ctx;
    final NodeId target;
    final int k;
    private final int alpha;
    private final int maxCandidates;
    /** Candidates with an id, closest first. */
    final List<Candidate> candidates = new ArrayList<>();
    private final List<Candidate> anonymous = new ArrayList<>();
    private final Set<InetSocketAddress> addresses = new HashSet<>();
    private final Set<InetAddress> ips = new HashSet<>();
    private final Set<NodeId> ids = new HashSet<>();
    private int inFlight;
    private int outstanding;
    private int queried;
    private int responded;
    private int rounds;
    private boolean finished;

    Lookup(LookupContext ctx, NodeId target) {
        this.ctx = ctx;
        this.target = target;
        this.k = ctx.settings().k();
        this.alpha = ctx.settings().alpha();
        this.maxCandidates = Math.max(100, 8 * k);
    }

    /** @return the query to send to a candidate */
    abstract QueryArgs query();

    /** Takes what an answer carries besides nodes (peers, tokens, items). */
    void collect(Candidate from, ResponseBody body) {
    }

    /** The lookup converged: {@link #closest(int, boolean)} holds the answer. */
    abstract void finish();

    /** Starts from {@code seeds} (nodes whose ids we know) and {@code bootstrap} nodes (ids unknown). */
    final void start(List<DhtContact> seeds, List<InetSocketAddress> bootstrap) {
        for (DhtContact c : seeds) {
            add(c, 1);
        }
        for (InetSocketAddress a : bootstrap) {
            if (ctx.acceptableAddress(a) && addresses.add(a)) {
                anonymous.add(new Candidate(null, a, 1));
            }
        }
        step();
    }

    /** @return hops from our table to the deepest candidate that answered */
    final int rounds() {
        return rounds;
    }

    final int queried() {
        return queried;
    }

    final int responded() {
        return responded;
    }

    final boolean finished() {
        return finished;
    }

    /** @return up to {@code n} candidates that answered, closest first, only those that gave a token if {@code withToken} */
    final List<Candidate> closest(int n, boolean withToken) {
        List<Candidate> out = new ArrayList<>(n);
        for (Candidate c : candidates) {
            if (out.size() >= n) {
                break;
            }
            if (c.state == State.RESPONDED && (!withToken || c.token != null)
                    && (!ctx.settings().enforceNodeId() || c.verified)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Abandons the lookup (the node is closing). */
    void abort() {
        finished = true;
    }

    private void add(DhtContact c, int depth) {
        if (candidates.size() >= maxCandidates
                && target.compareDistance(c.id(), candidates.get(candidates.size() - 1).id) >= 0) {
            return;
        }
        if (ids.contains(c.id()) || addresses.contains(c.address()) || !ctx.acceptableContact(c)) {
            return;
        }
        InetAddress ip = c.address().getAddress();
        if (ctx.settings().restrictSearchIps() && ips.contains(ip)) {
            return;
        }
        ids.add(c.id());
        addresses.add(c.address());
        ips.add(ip);
        insertSorted(new Candidate(c.id(), c.address(), depth));
        while (candidates.size() > maxCandidates) {
            Candidate last = candidates.get(candidates.size() - 1);
            if (last.state == State.IN_FLIGHT || last.state == State.SLOW) {
                break;
            }
            candidates.remove(candidates.size() - 1);
        }
    }

    private void insertSorted(Candidate c) {
        int lo = 0;
        int hi = candidates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (target.compareDistance(candidates.get(mid).id, c.id) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        candidates.add(lo, c);
    }

    /** Sends what the window allows, or finishes. */
    final void step() {
        if (finished) {
            return;
        }
        for (Candidate c : anonymous) {
            if (c.state == State.NEW) {
                send(c);
            }
        }
        int good = 0;
        int waiting = 0;
        for (Candidate c : candidates) {
            if (good >= k) {
                break;
            }
            switch (c.state) {
                case RESPONDED:
                    if (!ctx.settings().enforceNodeId() || c.verified) {
                        good++;
                    }
                    break;
                case IN_FLIGHT:
                case SLOW:
                    waiting++;
                    break;
                case NEW:
                    if (inFlight < alpha) {
                        send(c);
                        waiting++;
                    }
                    break;
                case FAILED:
                default:
                    break;
            }
        }
        boolean anonymousWaiting = false;
        for (Candidate c : anonymous) {
            anonymousWaiting |= c.state == State.IN_FLIGHT || c.state == State.SLOW;
        }
        if (waiting == 0 && !anonymousWaiting && inFlight == 0) {
            finished = true;
            finish();
        }
    }

    private void send(Candidate c) {
        c.state = State.IN_FLIGHT;
        inFlight++;
        outstanding++;
        queried++;
        boolean sent = ctx.sendQuery(c.address, c.id, query(), new Rpc.Callback() {
            @Override
            public void onResponse(KrpcResponse response) {
                if (c.state == State.IN_FLIGHT) {
                    inFlight--;
                }
                outstanding--;
                answered(c, response);
            }

            @Override
            public void onFailure(KrpcError error) {
                if (c.state == State.IN_FLIGHT) {
                    inFlight--;
                }
                outstanding--;
                c.state = State.FAILED;
                step();
            }

            @Override
            public void onSlow() {
                if (c.state == State.IN_FLIGHT) {
                    inFlight--;
                    c.state = State.SLOW;
                    step();
                }
            }
        });
        if (!sent) {
            inFlight--;
            outstanding--;
            c.state = State.FAILED;
        }
    }

    private void answered(Candidate c, KrpcResponse response) {
        if (finished) {
            return;
        }
        NodeId id = response.sender();
        if (c.id == null) {
            // a bootstrap node: now that we know its id, it joins the sorted candidates
            anonymous.remove(c);
            if (ids.contains(id) || id.equals(ctx.ownId())) {
                c.state = State.FAILED; // known already under its address in the table: keep only its nodes
                addNodes(c, response.body());
                step();
                return;
            }
            c.id = id;
            ids.add(id);
            ips.add(c.address.getAddress());
            insertSorted(c);
        }
        c.verified = ctx.verified(id, c.address.getAddress());
        if (ctx.settings().enforceNodeId() && !c.verified) {
            c.state = State.FAILED; // BEP 42: its nodes, tokens and values are not to be trusted
            step();
            return;
        }
        c.state = State.RESPONDED;
        responded++;
        rounds = Math.max(rounds, c.depth);
        ResponseBody body = response.body();
        addNodes(c, body);
        collect(c, body);
        step();
    }

    private void addNodes(Candidate from, ResponseBody body) {
        if (body instanceof ResponseBody.WithNodes withNodes) {
            for (DhtContact n : ctx.v6() ? withNodes.nodes6() : withNodes.nodes()) {
                add(n, from.depth + 1);
            }
        }
    }
}
