package dev.torrpedo.engine.internal.torrent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Who to blame for a piece that failed its hash check (libtorrent's smart ban, simplified):
 * if one peer sent every block of it, that peer is banned at once; otherwise each peer that
 * sent a block of it gets a strike, and {@link #STRIKES_TO_BAN} strikes ban it.
 *
 * <p>Peers are known to the picker by small ids; the torrent tells this class the address of
 * each id as peers come and go, and remembers the last {@link #REMEMBERED} of those that left,
 * so a peer that sends bad data and leaves before the hash fails is still blamed.
 *
 * <p>Not thread-safe: the torrent's control loop owns it.
 */
final class SmartBan {
    static final int STRIKES_TO_BAN = 3;
    static final int REMEMBERED = 4096;
    private static final int NOBODY = -1;

    private final Map<Integer, InetSocketAddress> departed = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, InetSocketAddress> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<InetSocketAddress, Integer> strikes = new HashMap<>();

    /** A peer left; remember its address under its picker id. */
    void departed(int pickerId, InetSocketAddress address) {
        departed.put(pickerId, address);
    }

    /** What to do after a failed piece. */
    record Verdict(List<InetSocketAddress> ban, String reason) {
    }

    /**
     * @param senders the picker's {@code blockSenders} for the piece (-1 for a block nobody sent)
     * @param live    the address of a connected peer by picker id, or null
     * @return the peers to ban now (empty if none)
     */
    Verdict failed(int[] senders, IntFunction<InetSocketAddress> live) {
        Set<InetSocketAddress> who = new LinkedHashSet<>();
        for (int id : senders) {
            if (id == NOBODY) {
                continue;
            }
            InetSocketAddress a = live.apply(id);
            if (a == null) {
                a = departed.get(id);
            }
            if (a != null) {
                who.add(a);
            }
        }
        if (who.size() == 1) {
            InetSocketAddress only = who.iterator().next();
            strikes.remove(only);
            return new Verdict(List.of(only), "sent a whole piece that failed its hash check");
        }
        List<InetSocketAddress> ban = new ArrayList<>();
        for (InetSocketAddress a : who) {
            int n = strikes.merge(a, 1, Integer::sum);
            if (n >= STRIKES_TO_BAN) {
                strikes.remove(a);
                ban.add(a);
            }
        }
        if (strikes.size() > REMEMBERED) {
            strikes.clear();
        }
        return new Verdict(ban, "sent data of " + STRIKES_TO_BAN + " pieces that failed their hash check");
    }
}
