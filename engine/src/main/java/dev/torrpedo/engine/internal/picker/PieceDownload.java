package dev.torrpedo.engine.internal.picker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The block words of one piece that is being downloaded, allocated when its first block is
 * claimed and dropped when the piece is verified. In endgame a block may also have extra
 * requesters, kept as a copy-on-write {@code int[]} per block in a table that is itself
 * allocated only when the first duplicate request is made.
 */
final class PieceDownload {
    private static final VarHandle EXTRA;

    static {
        try {
            EXTRA = MethodHandles.lookup().findVarHandle(PieceDownload.class, "extra", AtomicReferenceArray.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int[] NO_PEERS = new int[0];

    final AtomicLongArray blocks;
    @SuppressWarnings("unused") // written through EXTRA
    private volatile AtomicReferenceArray<int[]> extra;

    PieceDownload(int blockCount) {
        this.blocks = new AtomicLongArray(blockCount);
    }

    int blockCount() {
        return blocks.length();
    }

    @SuppressWarnings("unchecked")
    private AtomicReferenceArray<int[]> extraTable(boolean create) {
        AtomicReferenceArray<int[]> t = extra;
        if (t == null && create) {
            EXTRA.compareAndSet(this, null, new AtomicReferenceArray<int[]>(blocks.length()));
            t = extra;
        }
        return t;
    }

    /** @return the extra (endgame) requesters of a block; never null */
    int[] extraRequesters(int block) {
        AtomicReferenceArray<int[]> t = extraTable(false);
        int[] a = t == null ? null : t.get(block);
        return a == null ? NO_PEERS : a;
    }

    boolean isExtraRequester(int block, int peer) {
        for (int p : extraRequesters(block)) {
            if (p == peer) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code peer} to the extra requesters of a block. */
    void addExtra(int block, int peer) {
        AtomicReferenceArray<int[]> t = extraTable(true);
        while (true) {
            int[] cur = t.get(block);
            int n = cur == null ? 0 : cur.length;
            int[] next = new int[n + 1];
            if (n > 0) {
                System.arraycopy(cur, 0, next, 0, n);
            }
            next[n] = peer;
            if (t.compareAndSet(block, cur, next)) {
                return;
            }
        }
    }

    /** @return whether {@code peer} was an extra requester of the block (it no longer is) */
    boolean removeExtra(int block, int peer) {
        AtomicReferenceArray<int[]> t = extraTable(false);
        if (t == null) {
            return false;
        }
        while (true) {
            int[] cur = t.get(block);
            if (cur == null) {
                return false;
            }
            int at = -1;
            for (int i = 0; i < cur.length; i++) {
                if (cur[i] == peer) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                return false;
            }
            int[] next;
            if (cur.length == 1) {
                next = null;
            } else {
                next = new int[cur.length - 1];
                System.arraycopy(cur, 0, next, 0, at);
                System.arraycopy(cur, at + 1, next, at, cur.length - at - 1);
            }
            if (t.compareAndSet(block, cur, next)) {
                return true;
            }
        }
    }

    /** Empties the extra requesters of a block and returns who they were. */
    int[] takeExtra(int block) {
        AtomicReferenceArray<int[]> t = extraTable(false);
        if (t == null) {
            return NO_PEERS;
        }
        int[] a = t.getAndSet(block, null);
        return a == null ? NO_PEERS : a;
    }
}
