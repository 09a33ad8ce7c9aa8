package dev.torrpedo.dht.internal;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Learns our external address from the BEP 42 {@code ip} field of answers: each responder
 * IP votes once; an address wins once it has {@code quorum} voters and more than any other.
 * Bounded: at most 16 candidate addresses and 64 voters each. Loop-confined.
 */
final class AddressVoter {
    private static final int MAX_CANDIDATES = 16;
    private static final int MAX_VOTERS = 64;

    private final int quorum;
    private final Map<InetAddress, Set<InetAddress>> votes = new HashMap<>();

    AddressVoter(int quorum) {
        this.quorum = quorum;
    }

    void vote(InetAddress reported, InetAddress voter) {
        Set<InetAddress> voters = votes.get(reported);
        if (voters == null) {
            if (votes.size() >= MAX_CANDIDATES) {
                return;
            }
            voters = new HashSet<>();
            votes.put(reported, voters);
        }
        if (voters.size() < MAX_VOTERS) {
            voters.add(voter);
        }
    }

    /** @return the address most voters agree on, if it has a quorum and a strict lead, else {@code null} */
    InetAddress winner() {
        InetAddress best = null;
        int bestVotes = 0;
        boolean tie = false;
        for (Map.Entry<InetAddress, Set<InetAddress>> e : votes.entrySet()) {
            int n = e.getValue().size();
            if (n > bestVotes) {
                best = e.getKey();
                bestVotes = n;
                tie = false;
            } else if (n == bestVotes) {
                tie = true;
            }
        }
        return bestVotes >= quorum && !tie ? best : null;
    }

    void reset() {
        votes.clear();
    }
}
