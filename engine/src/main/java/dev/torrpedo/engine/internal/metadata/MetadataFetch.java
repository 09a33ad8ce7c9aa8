package dev.torrpedo.engine.internal.metadata;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fetches a magnet link's info dictionary from the peers that have it ({@code ut_metadata},
 * BEP 9), from several at once: each is asked for at most {@link #MAX_REQUESTS_PER_PEER}
 * pieces at a time, a piece asked of a slow peer is asked of another after
 * {@link #STALE_NANOS}, a peer that rejects a request is left alone for
 * {@link #REJECT_PAUSE_NANOS}.
 *
 * <p>When every piece is here the listener verifies the whole against the info-hash (off the
 * loop) and reports with {@link #verified}. A piece can only be judged with the whole, so a
 * dictionary that fails is kept, and the next round fetches every piece from one peer alone
 * (the one that sent the fewest pieces of the failed round first): if that fails too, that
 * peer lied; once a round passes, every peer whose pieces of the failed round differ from
 * the verified bytes lied. Liars, and peers that break the protocol (a piece of the wrong
 * length, a {@code total_size} that is not the one they announced), are reported to the
 * listener, which bans them; their pieces are dropped.
 *
 * <p>Memory: the dictionary being assembled and the last failed one, each at most
 * {@code maxSize} bytes, plus a few requests per peer. Not thread-safe: the torrent's
 * control loop owns it. Time is the caller's nanoseconds.
 */
public final class MetadataFetch {
    /** Requests in flight to one peer, at most (as libtorrent). */
    public static final int MAX_REQUESTS_PER_PEER = 2;
    /** A piece asked of a peer this long ago may be asked of another. */
    public static final long STALE_NANOS = 5_000_000_000L;
    /** A request unanswered this long is forgotten (the peer may be asked again). */
    public static final long REQUEST_TIMEOUT_NANOS = 30_000_000_000L;
    /** A peer that rejected a request is not asked again for this long. */
    public static final long REJECT_PAUSE_NANOS = 60_000_000_000L;

    /** A peer that may have the metadata: the fetch asks it for pieces. */
    public interface Peer {
        /** @return the connection's id, unique in the session */
        long id();

        /** @return where it is, to ban it */
        InetSocketAddress endpoint();

        /** Sends it a {@code ut_metadata} request for {@code piece} (any thread). */
        void requestMetadata(int piece);
    }

    /** What the fetch asks of its owner. */
    public interface Listener {
        /**
         * Every piece is here: hash {@code info} against the info-hash, off the loop, then call
         * {@link #verified} on the loop. The array is not changed until then.
         */
        void assembled(byte[] info);

        /** {@code peer} lied or broke the protocol: ban it and close its connection. */
        void liar(Peer peer, String reason);
    }

    /** One peer's state. */
    private static final class Source {
        final Peer peer;
        final int size;
        final Map<Integer, Long> asked = new HashMap<>();
        long pausedUntil;
        boolean paused;

        Source(Peer peer, int size) {
            this.peer = peer;
            this.size = size;
        }
    }

    private final int maxSize;
    private final Listener listener;
    private final LinkedHashMap<Long, Source> sources = new LinkedHashMap<>();
    /** Everyone who sent a piece of the current or the failed round, to blame them after they left. */
    private final Map<Long, Peer> contributors = new HashMap<>();
    private final Set<Long> triedAlone = new HashSet<>();
    private final Set<Long> liars = new HashSet<>();
    private MetadataAssembly assembly;
    private MetadataAssembly failed;
    private boolean alone;
    private long aloneFrom = MetadataAssembly.NONE;
    private boolean verifying;
    private boolean done;
    private int rounds;

    /**
     * @param maxSize  the largest info dictionary accepted (30 MiB)
     * @param listener verifies and bans
     */
    public MetadataFetch(int maxSize, Listener listener) {
        this.maxSize = maxSize;
        this.listener = listener;
    }

    /** @return whether the dictionary was verified */
    public boolean isDone() {
        return done;
    }

    /** @return rounds that ended in a failed hash check */
    public int failedRounds() {
        return rounds;
    }

    /** @return peers that may be asked (have the metadata, not banned) */
    public int sources() {
        return sources.size();
    }

    /** @return the size being fetched, or 0 before one is chosen */
    public int size() {
        MetadataAssembly a = assembly;
        return a == null ? 0 : a.size();
    }

    /**
     * A peer's extension handshake announced {@code ut_metadata} and {@code metadata_size}.
     * A second handshake of the same peer replaces the first.
     */
    public void peerJoined(Peer peer, long metadataSize, long now) {
        if (done || liars.contains(peer.id()) || metadataSize <= 0 || metadataSize > maxSize) {
            return;
        }
        peerLeft(peer.id(), now);
        sources.put(peer.id(), new Source(peer, (int) metadataSize));
        fill(now);
    }

    /** A peer left (or stopped offering the metadata): its requests go to others. */
    public void peerLeft(long id, long now) {
        Source s = sources.remove(id);
        if (s == null) {
            return;
        }
        if (assembly != null) {
            assembly.releaseAll(id);
        }
        if (alone && aloneFrom == id && !verifying) {
            assembly = null; // the one we fetched from alone left: start with another
            aloneFrom = MetadataAssembly.NONE;
        }
        fill(now);
    }

    /** The peer rejected our request for {@code piece}. */
    public void rejected(long id, int piece, long now) {
        Source s = sources.get(id);
        if (s == null || s.asked.remove(piece) == null) {
            return;
        }
        if (assembly != null) {
            assembly.release(piece, id);
        }
        s.paused = true;
        s.pausedUntil = now + REJECT_PAUSE_NANOS;
        if (alone && aloneFrom == id) {
            assembly = null;
            aloneFrom = MetadataAssembly.NONE;
            triedAlone.add(id);
        }
        fill(now);
    }

    /** A piece arrived from the peer: stored, dropped (and the peer reported), or ignored. */
    public void data(long id, int piece, int totalSize, byte[] bytes, long now) {
        Source s = sources.get(id);
        if (s == null || done) {
            return;
        }
        boolean asked = s.asked.remove(piece) != null;
        if (totalSize != s.size) {
            liar(s.peer, "metadata total_size " + totalSize + " differs from the metadata_size it announced, " + s.size);
            return;
        }
        MetadataAssembly a = assembly;
        if (a == null || verifying || totalSize != a.size()) {
            fill(now);
            return; // an answer from an earlier round, or of a size we do not fetch now
        }
        switch (a.received(id, piece, bytes, asked)) {
            case WRONG_LENGTH:
                liar(s.peer, "metadata piece " + piece + " of " + bytes.length + " bytes (expected: "
                        + a.pieceLength(piece) + ")");
                return;
            case COMPLETE:
                contributors.put(id, s.peer);
                verifying = true;
                listener.assembled(a.bytes());
                return;
            case STORED:
                contributors.put(id, s.peer);
                break;
            default:
                break;
        }
        fill(now);
    }

    /** Every second: forgets requests that timed out and asks for more. */
    public void tick(long now) {
        for (Source s : sources.values()) {
            s.asked.entrySet().removeIf(e -> {
                if (now - e.getValue() >= REQUEST_TIMEOUT_NANOS) {
                    if (assembly != null) {
                        assembly.release(e.getKey(), s.peer.id());
                    }
                    return true;
                }
                return false;
            });
            if (s.paused && now - s.pausedUntil >= 0) {
                s.paused = false;
            }
        }
        fill(now);
    }

    /**
     * The owner checked what {@link Listener#assembled} handed it.
     *
     * @param ok whether it matched the info-hash
     */
    public void verified(boolean ok, long now) {
        MetadataAssembly a = assembly;
        verifying = false;
        if (a == null) {
            return;
        }
        if (ok) {
            done = true;
            blameFailedRound(a.bytes());
            sources.clear();
            contributors.clear();
            failed = null;
            assembly = null;
            return;
        }
        rounds++;
        long only = onlySource(a);
        if (only != MetadataAssembly.NONE) {
            Peer p = contributors.get(only);
            if (p != null) {
                liar(p, "its metadata does not match the info-hash");
            }
        } else {
            failed = a; // kept to blame its pieces once a round passes
        }
        if (alone && aloneFrom != MetadataAssembly.NONE) {
            triedAlone.add(aloneFrom);
        }
        alone = true;
        aloneFrom = MetadataAssembly.NONE;
        assembly = null;
        fill(now);
    }

    private static long onlySource(MetadataAssembly a) {
        long first = a.sentBy(0);
        for (int i = 1; i < a.pieces(); i++) {
            if (a.sentBy(i) != first) {
                return MetadataAssembly.NONE;
            }
        }
        return first;
    }

    private void blameFailedRound(byte[] verified) {
        MetadataAssembly f = failed;
        if (f == null || f.size() != verified.length) {
            return;
        }
        Set<Long> blamed = new HashSet<>();
        for (int i = 0; i < f.pieces(); i++) {
            long by = f.sentBy(i);
            if (by != MetadataAssembly.NONE && !f.pieceMatches(i, verified) && blamed.add(by)) {
                Peer p = contributors.get(by);
                if (p != null) {
                    liar(p, "metadata piece " + i + " differs from the verified info dictionary");
                }
            }
        }
    }

    private void liar(Peer peer, String reason) {
        if (!liars.add(peer.id())) {
            return;
        }
        Source s = sources.remove(peer.id());
        if (s != null && assembly != null) {
            assembly.releaseAll(peer.id());
        }
        if (alone && aloneFrom == peer.id() && !verifying) {
            assembly = null;
            aloneFrom = MetadataAssembly.NONE;
        }
        listener.liar(peer, reason);
    }

    private void fill(long now) {
        if (done || verifying || sources.isEmpty()) {
            return;
        }
        if (assembly == null && !startRound()) {
            return;
        }
        MetadataAssembly a = assembly;
        for (Source s : new ArrayList<>(sources.values())) {
            if (s.size != a.size() || s.paused || (alone && s.peer.id() != aloneFrom)) {
                continue;
            }
            while (s.asked.size() < MAX_REQUESTS_PER_PEER) {
                int piece = a.next(s.peer.id(), now, STALE_NANOS);
                if (piece < 0 || s.asked.containsKey(piece)) {
                    break;
                }
                s.asked.put(piece, now);
                s.peer.requestMetadata(piece);
            }
        }
    }

    /** @return whether a round could start (a size, and in the "alone" mode a peer, chosen) */
    private boolean startRound() {
        int size;
        if (alone) {
            Source pick = aloneCandidate();
            if (pick == null && !triedAlone.isEmpty()) {
                triedAlone.clear(); // those left were tried but did not fail (they rejected, or the round was cut short)
                pick = aloneCandidate();
            }
            if (pick == null) {
                return false;
            }
            aloneFrom = pick.peer.id();
            size = pick.size;
        } else {
            size = commonestSize();
        }
        assembly = new MetadataAssembly(size, maxSize);
        for (Source s : sources.values()) {
            s.asked.clear(); // answers to an earlier round's requests are not counted in this one
        }
        return true;
    }

    private Source aloneCandidate() {
        Source best = null;
        int bestPieces = Integer.MAX_VALUE;
        for (Source s : sources.values()) {
            if (s.paused || triedAlone.contains(s.peer.id())) {
                continue;
            }
            int n = sentInFailedRound(s.peer.id());
            if (n < bestPieces) {
                best = s;
                bestPieces = n;
            }
        }
        return best;
    }

    private int sentInFailedRound(long id) {
        MetadataAssembly f = failed;
        if (f == null) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < f.pieces(); i++) {
            if (f.sentBy(i) == id) {
                n++;
            }
        }
        return n;
    }

    private int commonestSize() {
        Map<Integer, Integer> votes = new HashMap<>();
        int best = 0;
        int bestVotes = 0;
        for (Source s : sources.values()) {
            int v = votes.merge(s.size, 1, Integer::sum);
            if (v > bestVotes) {
                best = s.size;
                bestVotes = v;
            }
        }
        return best;
    }

    /** @return pieces asked of peer {@code id} and not yet answered */
    int asked(long id) {
        Source s = sources.get(id);
        return s == null ? 0 : s.asked.size();
    }
}
