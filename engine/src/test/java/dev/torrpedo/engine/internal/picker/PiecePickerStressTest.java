package dev.torrpedo.engine.internal.picker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Several threads, each driving a few peers of one torrent, pick, receive, write, fail,
 * release and drop at once, as event loops would, while a control thread skips and re-wants
 * pieces. Checked: a block handed out without the
 * endgame flag is never held by another peer at that moment; the torrent completes; at the
 * end every counter equals its recomputation.
 */
class PiecePickerStressTest {
    private static final int THREADS = 4;
    private static final int PEERS_PER_THREAD = 3;
    private static final int PIECES = 300;
    private static final int PIPELINE = 8;

    @Test
    void concurrentPeersCompleteTheTorrentWithoutSharingClaims() throws Exception {
        long duplicates = 0;
        for (long seed = 1; seed <= 8; seed++) {
            duplicates += run(seed);
        }
        assertTrue(duplicates > 0, "endgame was reached and exercised");
    }

    private long run(long seed) throws Exception {
        PieceGeometry g = new PieceGeometry((long) (PIECES - 1) * 4 * PieceGeometry.BLOCK_SIZE + 20_000,
                4 * PieceGeometry.BLOCK_SIZE);
        PiecePicker picker = new PiecePicker(g, new SplittableRandom(seed));
        // the peer id holding each block by a normal (non-endgame) claim, or -1
        AtomicIntegerArray normalHolder = new AtomicIntegerArray(PIECES << 2);
        for (int i = 0; i < normalHolder.length(); i++) {
            normalHolder.set(i, -1);
        }
        Map<Integer, Queue<Long>> inboxes = new ConcurrentHashMap<>();
        List<PickerPeer> allPeers = Collections.synchronizedList(new ArrayList<>());
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicLong duplicatePicks = new AtomicLong();
        AtomicInteger failedPieces = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch controlDone = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < THREADS; t++) {
            SplittableRandom rnd = new SplittableRandom(seed * 1000 + t);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    Sim sim = new Sim(picker, rnd, normalHolder, inboxes, allPeers, violations, duplicatePicks, failedPieces);
                    while ((controlDone.getCount() > 0 || !picker.isComplete()) && System.nanoTime() < deadline) {
                        sim.round();
                    }
                    sim.leaveAll();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "picker-stress-" + t);
            threads.add(thread);
            thread.start();
        }
        // the control path: skip and re-want pieces while the peers work, then want them all again
        Thread control = new Thread(() -> {
            try {
                start.await();
                SplittableRandom rnd = new SplittableRandom(seed);
                int[] skipped = new int[4];
                java.util.Arrays.fill(skipped, -1);
                int lastHave = -1;
                while (picker.stats().have() < PIECES * 3 / 4 && System.nanoTime() < deadline) {
                    int have = picker.stats().have();
                    if (have == lastHave) {
                        Thread.onSpinWait();
                        continue;
                    }
                    lastHave = have; // one change of priorities per verified piece
                    int slot = rnd.nextInt(skipped.length);
                    if (skipped[slot] >= 0) {
                        picker.setPiecePriority(skipped[slot], 1 + rnd.nextInt(7));
                    }
                    skipped[slot] = rnd.nextInt(PIECES);
                    picker.setPiecePriority(skipped[slot], 0);
                }
                for (int p : skipped) {
                    if (p >= 0) {
                        picker.setPiecePriority(p, PiecePicker.DEFAULT_PRIORITY);
                    }
                }
            } catch (Throwable e) {
                errors.add(e);
            } finally {
                controlDone.countDown();
            }
        }, "picker-stress-control");
        threads.add(control);
        control.start();
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(90));
            assertTrue(!thread.isAlive(), "thread finished");
        }
        assertEquals(List.of(), errors);
        assertEquals(List.of(), violations);
        assertTrue(picker.isComplete(), "every block finished and every piece verified");
        for (int p = 0; p < PIECES; p++) {
            assertEquals(PieceState.HAVE, picker.pieceState(p));
        }
        PickerStats st = picker.stats();
        assertEquals(PIECES, st.have());
        assertEquals(0, st.missing());
        assertEquals(0, st.wantedFreeBlocks());
        PickerInvariants.check(picker, allPeers);
        assertTrue(failedPieces.get() > 0, "hash failures were exercised");
        return duplicatePicks.get();
    }

    /** The peers one thread drives. */
    private static final class Sim {
        private final PiecePicker picker;
        private final SplittableRandom rnd;
        private final AtomicIntegerArray normalHolder;
        private final Map<Integer, Queue<Long>> inboxes;
        private final List<PickerPeer> allPeers;
        private final List<String> violations;
        private final AtomicLong duplicatePicks;
        private final AtomicInteger failedPieces;
        private final PickerPeer[] peers = new PickerPeer[PEERS_PER_THREAD];
        private final List<List<Long>> outstanding = new ArrayList<>();
        private final long[] buf = new long[PIPELINE];

        Sim(PiecePicker picker, SplittableRandom rnd, AtomicIntegerArray normalHolder, Map<Integer, Queue<Long>> inboxes,
                List<PickerPeer> allPeers, List<String> violations, AtomicLong duplicatePicks, AtomicInteger failedPieces) {
            this.picker = picker;
            this.rnd = rnd;
            this.normalHolder = normalHolder;
            this.inboxes = inboxes;
            this.allPeers = allPeers;
            this.violations = violations;
            this.duplicatePicks = duplicatePicks;
            this.failedPieces = failedPieces;
            for (int i = 0; i < PEERS_PER_THREAD; i++) {
                outstanding.add(new ArrayList<>());
                peers[i] = connect(i == 0);
            }
        }

        private PickerPeer connect(boolean seed) {
            PickerPeer peer = picker.newPeer();
            allPeers.add(peer);
            inboxes.put(peer.id(), new ConcurrentLinkedQueue<>());
            if (seed) {
                picker.peerHasAll(peer);
            } else {
                byte[] bits = new byte[(PIECES + 7) / 8];
                for (int p = 0; p < PIECES; p++) {
                    if (rnd.nextInt(3) != 0) {
                        bits[p >>> 3] |= (byte) (0x80 >>> (p & 7));
                    }
                }
                picker.peerBitfield(peer, bits);
            }
            peer.setChoked(false);
            return peer;
        }

        private static int slot(long a) {
            return (BlockAddress.piece(a) << 2) | BlockAddress.block(a);
        }

        void round() {
            for (int i = 0; i < PEERS_PER_THREAD; i++) {
                step(i);
            }
        }

        private void step(int i) {
            PickerPeer peer = peers[i];
            List<Long> mine = outstanding.get(i);
            Queue<Long> inbox = inboxes.get(peer.id());
            for (Long c; (c = inbox.poll()) != null; ) {
                if (mine.remove(c)) {
                    normalHolder.compareAndSet(slot(c), peer.id(), -1);
                    picker.release(peer, c);
                }
            }
            if (i != 0 && rnd.nextInt(100) < 2) {
                for (long a : mine) {
                    normalHolder.compareAndSet(slot(a), peer.id(), -1);
                }
                mine.clear();
                inboxes.remove(peer.id());
                picker.peerLeft(peer);
                peers[i] = connect(rnd.nextInt(4) == 0);
                return;
            }
            int n = picker.pick(peer, buf, PIPELINE - mine.size());
            for (int k = 0; k < n; k++) {
                long a = buf[k];
                if (BlockAddress.isDuplicate(a)) {
                    duplicatePicks.incrementAndGet();
                } else if (!normalHolder.compareAndSet(slot(a), -1, peer.id())) {
                    violations.add("block " + BlockAddress.toString(a) + " handed to peer " + peer.id()
                            + " while peer " + normalHolder.get(slot(a)) + " holds it");
                }
                mine.add(BlockAddress.address(a));
            }
            for (int k = mine.size() - 1; k >= 0; k--) {
                long a = mine.get(k);
                int r = rnd.nextInt(100);
                if (r < 50) {
                    mine.remove(k);
                    Received res = picker.received(peer, a);
                    normalHolder.compareAndSet(slot(a), peer.id(), -1);
                    if (res.accepted()) {
                        normalHolder.set(slot(a), -1);
                        for (int other : res.cancelPeers()) {
                            Queue<Long> q = inboxes.get(other);
                            if (q != null) {
                                q.add(a);
                            }
                        }
                        if (rnd.nextInt(100) < 3) {
                            picker.writeFailed(a);
                        } else if (picker.blockWritten(a)) {
                            int piece = BlockAddress.piece(a);
                            if (rnd.nextInt(100) < 10) {
                                picker.pieceFailed(piece);
                                failedPieces.incrementAndGet();
                            } else {
                                picker.pieceVerified(piece);
                            }
                        }
                    }
                } else if (r < 60) {
                    mine.remove(k);
                    normalHolder.compareAndSet(slot(a), peer.id(), -1);
                    picker.release(peer, a);
                }
            }
        }

        void leaveAll() {
            for (int i = 0; i < PEERS_PER_THREAD; i++) {
                for (long a : outstanding.get(i)) {
                    normalHolder.compareAndSet(slot(a), peers[i].id(), -1);
                }
                picker.peerLeft(peers[i]);
            }
        }
    }
}
