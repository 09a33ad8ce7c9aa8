package dev.torrpedo.engine.internal.metadata;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link MetadataFetch} with pretend peers: each records what it is asked, and the harness
 * plays their answers (honest, or lies) and the owner's side: the hash check (SHA-1 against
 * the real dictionary's) and the disconnection of liars, later, as the real owner does them
 * (posted to its loop), on a clock the test moves.
 */
final class FetchHarness implements MetadataFetch.Listener {
    /** A pretend peer. */
    final class FakePeer implements MetadataFetch.Peer {
        final long id;
        final boolean liar;
        final ArrayDeque<Integer> asked = new ArrayDeque<>();
        int totalAsked;

        FakePeer(long id, boolean liar) {
            this.id = id;
            this.liar = liar;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public InetSocketAddress endpoint() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), (int) (1000 + id));
        }

        @Override
        public void requestMetadata(int piece) {
            asked.add(piece);
            totalAsked++;
        }

        /** Answers its oldest request. @return whether it had one */
        boolean answer() {
            Integer piece = asked.poll();
            if (piece == null) {
                return false;
            }
            fetch.data(id, piece, info.length, piece(piece, liar), now);
            return true;
        }
    }

    final byte[] info;
    final MetadataFetch fetch;
    final Map<Long, FakePeer> peers = new LinkedHashMap<>();
    final List<Long> liars = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    final byte[] expectedSha1;
    private final ArrayDeque<Runnable> later = new ArrayDeque<>();
    byte[] assembled;
    int checks;
    long now;

    FetchHarness(byte[] info) {
        this.info = info;
        this.fetch = new MetadataFetch(30 * 1024 * 1024, this);
        this.expectedSha1 = sha1(info);
    }

    static byte[] sha1(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** @return the bytes a peer sends for {@code piece}: the right ones, or as many wrong ones */
    byte[] piece(int piece, boolean lie) {
        int from = piece * MetadataAssembly.PIECE;
        byte[] b = Arrays.copyOfRange(info, from, Math.min(info.length, from + MetadataAssembly.PIECE));
        if (lie) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) ~b[i];
            }
        }
        return b;
    }

    FakePeer join(long id, boolean liar) {
        return join(id, liar, info.length);
    }

    FakePeer join(long id, boolean liar, long announcedSize) {
        FakePeer p = new FakePeer(id, liar);
        peers.put(id, p);
        fetch.peerJoined(p, announcedSize, now);
        return p;
    }

    void leave(long id) {
        peers.remove(id);
        fetch.peerLeft(id, now);
    }

    /** Answers, round after round, until nobody has a request left or the fetch is done. */
    void answerAll() {
        boolean any = true;
        while (any && !fetch.isDone()) {
            any = settle();
            for (FakePeer p : new ArrayList<>(peers.values())) {
                if (!fetch.isDone() && p.answer()) {
                    any = true;
                }
            }
        }
        settle();
    }

    /** Runs what the owner posted (hash checks, disconnections). @return whether there was any */
    boolean settle() {
        boolean any = false;
        Runnable r;
        while ((r = later.poll()) != null) {
            r.run();
            any = true;
        }
        return any;
    }

    void tick(long nanos) {
        now += nanos;
        fetch.tick(now);
    }

    @Override
    public void assembled(byte[] bytes) {
        assembled = bytes.clone();
        checks++;
        boolean ok = Arrays.equals(sha1(bytes), expectedSha1);
        later.add(() -> fetch.verified(ok, now));
    }

    @Override
    public void liar(MetadataFetch.Peer peer, String reason) {
        liars.add(peer.id());
        reasons.add(reason);
        peers.remove(peer.id()); // the owner bans it and closes the connection
        later.add(() -> fetch.peerLeft(peer.id(), now));
    }

    /** @return a dictionary-like byte array of {@code size} bytes */
    static byte[] info(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
