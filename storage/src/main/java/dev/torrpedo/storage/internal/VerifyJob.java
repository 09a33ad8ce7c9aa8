package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.VerifyHandler;
import java.util.concurrent.Executor;

/**
 * Verifies a piece. On the job queue (after every earlier write of the torrent): takes the
 * piece's hashing state, then queues the finish on its hash lane (after the in-order
 * updates already there): read back what was not hashed, compare, record the verdict.
 */
final class VerifyJob extends SerialQueue.Job {
    private final TorrentStorage s;
    private final int piece;
    private final Executor executor;
    private final VerifyHandler handler;

    VerifyJob(TorrentStorage s, int piece, Executor executor, VerifyHandler handler) {
        this.s = s;
        this.piece = piece;
        this.executor = executor;
        this.handler = handler;
    }

    private void answer(boolean passed, StorageException error) {
        Callbacks.post(executor, () -> handler.verified(piece, passed, error));
    }

    @Override
    boolean run() {
        if (s.closed) {
            fail();
            return true;
        }
        Partial pp = s.partial.remove(piece); // pass or fail, its blocks are done with
        PieceHasher h = pp == null ? null : pp.hasher;
        SerialQueue lane = pp == null ? null : pp.lane;
        if (h == null) {
            try {
                h = new PieceHasher(s.torrent, piece);
            } catch (StorageException noHash) {
                answer(false, noHash);
                return true;
            }
            lane = new SerialQueue(s.hash.pool());
        }
        PieceHasher hasher = h;
        s.submitHash(lane, new SerialQueue.Job() {
            @Override
            boolean run() {
                try {
                    s.readBack(hasher);
                } catch (StorageException e) {
                    s.unverify(piece);
                    answer(false, e);
                    return true;
                }
                boolean ok = hasher.matches();
                if (ok) {
                    s.verified.set(piece);
                } else {
                    s.unverify(piece);
                }
                answer(ok, null);
                return true;
            }

            @Override
            void fail() {
                answer(false, TorrentStorage.closedError());
            }
        });
        return true;
    }

    @Override
    void fail() {
        answer(false, TorrentStorage.closedError());
    }
}
