package dev.torrpedo.engine.internal.v2;

import dev.torrpedo.metainfo.Merkle;
import dev.torrpedo.metainfo.MerkleTree;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.wire.PeerMessage;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fetches the BEP 52 piece layers a torrent lacks (its metadata came from a magnet link) from
 * v2 peers, as libtorrent asks for them: each file's layer in parts of up to
 * {@value #PART} hashes, the last part's length rounded up to a power of two, with proof
 * hashes up to the file's {@code pieces root}. An answer counts only once its hashes and
 * proof reach that root ({@link #verify}); a peer whose answer does not is to be dropped.
 *
 * <pre>
 *  part:     MISSING --assign--&gt; PENDING(peer, deadline) --hashes proved--&gt; DONE
 *               ^                     |  reject / timeout / peer gone / bad proof
 *               +---------------------+  (a peer that refused is not asked again for a while)
 * </pre>
 *
 * <p>Not thread-safe: the torrent's control loop owns it; {@link #verify} is pure and runs
 * off the loops.
 */
public final class LayerFetch {
    /** Hashes asked for in one request (libtorrent's choice; BEP 52 says lengths SHOULD NOT exceed it). */
    public static final int PART = 512;
    /** How long a peer has to answer a request. */
    static final long TIMEOUT_NANOS = 30_000_000_000L;
    /** How long a peer that refused a part, or failed to answer it, is not asked for it again. */
    static final long REFUSED_NANOS = 20_000_000_000L;
    /** Requests in flight to one peer. */
    static final int MAX_PER_PEER = 4;

    private final int pieceLayer;
    private final List<Part> parts = new ArrayList<>();
    private final Map<Long, Integer> inFlight = new HashMap<>();
    private int done;

    /**
     * One request for one part of one file's layer.
     *
     * @param file        the file's index
     * @param root        its {@code pieces root}
     * @param baseLayer   the piece layer's level above the blocks
     * @param index       the first hash asked for
     * @param length      hashes asked for (a power of two)
     * @param count       of those, the real piece hashes (the rest pad the tree)
     * @param proofLayers uncle levels asked for: up to just below the root
     */
    public record Request(int file, byte[] root, int baseLayer, int index, int length, int count, int proofLayers) {
        /** @return the wire message */
        public PeerMessage.HashRequest message() {
            return new PeerMessage.HashRequest(root, baseLayer, index, length, proofLayers);
        }

        /** @return whether {@code m} answers (or refuses) this request */
        boolean answeredBy(byte[] piecesRoot, int base, int idx, int len, int proof) {
            return Arrays.equals(root, piecesRoot) && base == baseLayer && idx == index && len == length
                    && proof == proofLayers;
        }
    }

    private static final class Part {
        final Request request;
        byte[] hashes;
        long peer = -1;
        long deadline;
        final Map<Long, Long> refusedUntil = new LinkedHashMap<>();

        Part(Request request) {
            this.request = request;
        }
    }

    /**
     * @param torrent a v2 or hybrid torrent; the files that need a layer and lack it are fetched
     */
    public LayerFetch(Torrent torrent) {
        this.pieceLayer = HashTrees.pieceLayer(torrent.pieceLength());
        int pieceLength = torrent.pieceLength();
        for (TorrentFile f : torrent.files()) {
            if (f.isPad() || f.length() <= pieceLength || f.piecesRoot().isEmpty()
                    || torrent.pieceLayer(f.index()).isPresent()) {
                continue;
            }
            int pieces = (int) ((f.length() + pieceLength - 1) / pieceLength);
            int height = Integer.numberOfTrailingZeros(Merkle.nextPowerOfTwo(pieces));
            for (int index = 0; index < pieces; index += PART) {
                int count = Math.min(PART, pieces - index);
                int length = Math.min(PART, Merkle.nextPowerOfTwo(count));
                parts.add(new Part(new Request(f.index(), f.piecesRoot().get(), pieceLayer, index, length, count,
                        height - 1)));
            }
        }
    }

    /** @return whether every part is in (also true for a torrent that lacked nothing) */
    public boolean complete() {
        return done == parts.size();
    }

    /** @return how many parts there are and how many are in, for logs */
    public String progress() {
        return done + "/" + parts.size() + " parts";
    }

    /**
     * @return each fetched file's layer (its piece hashes back to back), for
     *         {@link Torrent#withPieceLayers}
     * @throws IllegalStateException before {@link #complete()}
     */
    public Map<Integer, byte[]> layers() {
        if (!complete()) {
            throw new IllegalStateException("layers incomplete: " + progress());
        }
        Map<Integer, List<byte[]>> byFile = new LinkedHashMap<>();
        for (Part p : parts) {
            byFile.computeIfAbsent(p.request.file(), f -> new ArrayList<>()).add(p.hashes);
        }
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<byte[]>> e : byFile.entrySet()) {
            int size = 0;
            for (byte[] h : e.getValue()) {
                size += h.length;
            }
            byte[] layer = new byte[size];
            int at = 0;
            for (byte[] h : e.getValue()) {
                System.arraycopy(h, 0, layer, at, h.length);
                at += h.length;
            }
            out.put(e.getKey(), layer);
        }
        return out;
    }

    /**
     * Picks the parts to ask {@code peer} for now: missing ones it has not refused lately, up
     * to {@link #MAX_PER_PEER} in flight.
     *
     * @return the requests to send (now pending on this peer)
     */
    public List<Request> assign(long peer, long now) {
        List<Request> out = new ArrayList<>();
        int busy = inFlight.getOrDefault(peer, 0);
        for (Part p : parts) {
            if (busy >= MAX_PER_PEER) {
                break;
            }
            if (p.hashes != null || p.peer >= 0) {
                continue;
            }
            Long until = p.refusedUntil.get(peer);
            if (until != null && now - until < 0) {
                continue;
            }
            p.peer = peer;
            p.deadline = now + TIMEOUT_NANOS;
            busy++;
            out.add(p.request);
        }
        if (busy > 0) {
            inFlight.put(peer, busy);
        }
        return out;
    }

    /** @return the pending request of {@code peer} that {@code h} answers, or null (an answer nobody asked for) */
    public Request pending(long peer, PeerMessage.Hashes h) {
        Part p = find(peer, h.piecesRoot(), h.baseLayer(), h.index(), h.length(), h.proofLayers());
        return p == null ? null : p.request;
    }

    /**
     * Checks an answer against its request: the right number of hashes, and the base hashes
     * with the uncles rebuild the file's {@code pieces root}. Pure; may run on any thread.
     *
     * @return the real piece hashes it proves (the padding cut off), or null if it proves nothing
     */
    public static byte[] verify(Request r, PeerMessage.Hashes h) {
        byte[] hashes = h.hashes();
        if (hashes.length != (r.length() + MerkleTree.uncleCount(r.length(), r.proofLayers())) * Merkle.HASH_SIZE) {
            return null;
        }
        if (!MessageDigest.isEqual(r.root(), MerkleTree.proofRoot(hashes, r.index(), r.length()))) {
            return null;
        }
        return Arrays.copyOf(hashes, r.count() * Merkle.HASH_SIZE);
    }

    /**
     * The verdict on an answer from {@code peer}.
     *
     * @param proved the hashes {@link #verify} returned, or null if the answer proved nothing
     * @return whether the part was still pending on that peer (and the verdict counted)
     */
    public boolean answered(long peer, Request r, byte[] proved, long now) {
        Part p = find(peer, r.root(), r.baseLayer(), r.index(), r.length(), r.proofLayers());
        if (p == null) {
            return false;
        }
        release(p);
        if (proved != null) {
            p.hashes = proved;
            p.refusedUntil.clear();
            done++;
        } else {
            refuse(p, peer, now);
        }
        return true;
    }

    /** {@code peer} refused a request (HASH REJECT); ignored unless it was pending on that peer. */
    public void rejected(long peer, PeerMessage.HashReject r, long now) {
        Part p = find(peer, r.piecesRoot(), r.baseLayer(), r.index(), r.length(), r.proofLayers());
        if (p != null) {
            release(p);
            refuse(p, peer, now);
        }
    }

    /** {@code peer} is gone: its pending parts are missing again. */
    public void peerGone(long peer) {
        for (Part p : parts) {
            if (p.peer == peer) {
                release(p);
            }
        }
        inFlight.remove(peer);
    }

    /**
     * Requests past their deadline go back to missing, and that peer is not asked for them for a while.
     *
     * @return how many expired
     */
    public int expire(long now) {
        int n = 0;
        for (Part p : parts) {
            if (p.peer >= 0 && now - p.deadline >= 0) {
                long peer = p.peer;
                release(p);
                refuse(p, peer, now);
                n++;
            }
        }
        return n;
    }

    private Part find(long peer, byte[] root, int base, int index, int length, int proof) {
        for (Part p : parts) {
            if (p.peer == peer && p.request.answeredBy(root, base, index, length, proof)) {
                return p;
            }
        }
        return null;
    }

    private void release(Part p) {
        long peer = p.peer;
        p.peer = -1;
        inFlight.computeIfPresent(peer, (k, v) -> v > 1 ? v - 1 : null);
    }

    private static void refuse(Part p, long peer, long now) {
        p.refusedUntil.put(peer, now + REFUSED_NANOS);
        if (p.refusedUntil.size() > 64) { // bounded: the oldest refusal is forgotten
            Iterator<Long> it = p.refusedUntil.keySet().iterator();
            it.next();
            it.remove();
        }
    }
}
