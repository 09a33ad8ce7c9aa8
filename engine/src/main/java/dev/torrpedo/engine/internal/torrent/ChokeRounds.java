package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.choke.ChokeDecision;
import dev.torrpedo.engine.internal.choke.ChokePeer;
import dev.torrpedo.engine.internal.choke.Choker;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Runs a torrent's choker: every {@link Choker#ROUND_NANOS} by the session clock, or early
 * when a peer's interest changed (so a new peer need not wait ten seconds for its first
 * unchoke): at once if the last round is a second old, else at the first tick that is. Each round snapshots the peers, asks the choker, and tells each peer whose
 * state changes.
 *
 * <p>The torrent's control loop calls it; {@link #soon()} may be called from any thread.
 */
final class ChokeRounds {
    private static final long EARLY_NANOS = 1_000_000_000L;

    private final RandomGenerator random;
    private Choker choker;
    private int slots;
    private long last = Long.MIN_VALUE / 2;
    private volatile boolean soon;

    ChokeRounds(int slots, RandomGenerator random) {
        this.random = random;
        this.slots = slots;
        this.choker = new Choker(slots, random);
    }

    /** A peer's interest changed: run a round at the next tick (at most one a second). */
    void soon() {
        soon = true;
    }

    /** Runs a round if one is due. */
    void tick(Collection<PeerConnection> peers, int wantedSlots, boolean seeding, long now) {
        if (now - last < Choker.ROUND_NANOS && !(soon && now - last >= EARLY_NANOS)) {
            return;
        }
        last = now;
        soon = false;
        if (wantedSlots != slots) {
            slots = wantedSlots;
            choker = new Choker(slots, random);
        }
        List<PeerConnection> list = new ArrayList<>(peers);
        List<ChokePeer> snapshot = new ArrayList<>(list.size());
        for (PeerConnection pc : list) {
            snapshot.add(pc.chokeSnapshot(now));
        }
        ChokeDecision d = choker.decide(snapshot, seeding, now);
        for (PeerConnection pc : list) {
            boolean unchoke = d.unchokes(pc.id());
            if (unchoke == pc.amChoking()) {
                pc.commands().setChoking(!unchoke);
            }
        }
    }
}
