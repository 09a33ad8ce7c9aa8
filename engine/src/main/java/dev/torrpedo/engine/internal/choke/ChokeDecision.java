package dev.torrpedo.engine.internal.choke;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The choker's answer for one round: the peers to unchoke (every other peer is choked).
 *
 * @param unchoke    the ids to unchoke: the regular slots and the optimistic one
 * @param optimistic the id holding the optimistic slot, or -1 when there is none
 */
public record ChokeDecision(Set<Long> unchoke, long optimistic) {
    /** Copies the set. */
    public ChokeDecision {
        unchoke = Set.copyOf(unchoke);
    }

    /** @return whether the peer is to be unchoked */
    public boolean unchokes(long id) {
        return unchoke.contains(id);
    }

    /** @return the peers of the snapshot that are choked now and are to be unchoked */
    public List<Long> toUnchoke(List<ChokePeer> peers) {
        return peers.stream().filter(p -> !p.unchoked() && unchoke.contains(p.id())).map(ChokePeer::id)
                .collect(Collectors.toList());
    }

    /** @return the peers of the snapshot that are unchoked now and are to be choked */
    public List<Long> toChoke(List<ChokePeer> peers) {
        return peers.stream().filter(p -> p.unchoked() && !unchoke.contains(p.id())).map(ChokePeer::id)
                .collect(Collectors.toList());
    }
}
