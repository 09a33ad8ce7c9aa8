package dev.torrpedo.storage.internal;

import dev.torrpedo.metainfo.FileSlice;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.CheckProgress;
import dev.torrpedo.storage.CheckResult;
import dev.torrpedo.storage.StorageException;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/**
 * Checks the data on disk: a fence in two steps. First, on the job queue, decide what to
 * hash: with resume data, only pieces of files whose size or modification time changed
 * (the rest is accepted as recorded); without it (or for a full recheck), every piece with
 * data on disk. Then hash those in parallel on the verifier pool, with the queue paused;
 * when the {@link Checker} is done the queue resumes and the second step records the result.
 */
final class CheckJob extends Fence<CheckResult> {
    private final boolean full;
    private final CheckProgress progress;
    private Checker checker;
    private BitSet accepted;
    private Map<Integer, BitSet> hints;
    private boolean resumeUsed;

    CheckJob(TorrentStorage storage, boolean full, CheckProgress progress, Executor executor) {
        super(storage, executor, true);
        this.full = full;
        this.progress = progress;
    }

    @Override
    boolean body() throws StorageException {
        if (checker == null) {
            start();
            return false;
        }
        if (!checker.isFinished()) {
            return false;
        }
        StorageException error = checker.error();
        if (error != null) {
            throw error;
        }
        BitSet v = checker.verified();
        v.or(accepted);
        storage.verified.setAll(v);
        Map<Integer, BitSet> unfinished = new TreeMap<>();
        for (Map.Entry<Integer, BitSet> e : hints.entrySet()) {
            if (!v.get(e.getKey())) {
                storage.partial.put(e.getKey(), new Partial((BitSet) e.getValue().clone()));
                unfinished.put(e.getKey(), e.getValue());
            }
        }
        int total = storage.torrent.pieceCount();
        Callbacks.post(executor, () -> progress.progress(total, total));
        complete(new CheckResult(v, unfinished, checker.hashed(), resumeUsed));
        return true;
    }

    private void start() throws StorageException {
        Torrent t = storage.torrent;
        Backend backend = storage.backend;
        List<FileStamp> now = backend.stamps();
        ResumeData rd = full ? null : storage.loadResume();
        storage.partial.clear();
        storage.verified.setAll(new BitSet());
        storage.disk.blockCache().invalidate(storage.id);
        accepted = new BitSet();
        hints = new TreeMap<>();
        BitSet toHash = new BitSet();
        if (rd != null) {
            resumeUsed = true;
            int n = t.files().size();
            boolean[] same = new boolean[n + 1];
            for (int i = 0; i <= n; i++) {
                same[i] = i < n && t.files().get(i).isPad() || rd.files().get(i).matches(now.get(i));
            }
            for (int p = 0; p < t.pieceCount(); p++) {
                boolean unchanged = unchanged(t, p, same);
                if (rd.verified().get(p)) {
                    if (unchanged) {
                        accepted.set(p);
                    } else {
                        toHash.set(p);
                    }
                } else if (!unchanged) {
                    toHash.set(p); // a file changed under us: it may hold new data too
                }
            }
            for (Map.Entry<Integer, BitSet> e : rd.unfinished().entrySet()) {
                if (unchanged(t, e.getKey(), same)) {
                    hints.put(e.getKey(), e.getValue());
                }
            }
        } else {
            toHash.set(0, t.pieceCount());
        }
        backend.markAllDirty(); // data found from before may never have been forced: the next force covers it
        int[] pieces = toHash.stream().toArray();
        checker = new Checker(t, backend, pieces, t.pieceCount() - pieces.length, t.pieceCount(), storage.hash.pool(),
                progress, executor, storage.queue::resume);
        checker.start();
    }

    /**
     * @return whether every file holding bytes of the piece still matches its recorded stamp
     *         (and the part file, which may hold any piece's bytes of skipped files)
     */
    private static boolean unchanged(Torrent t, int piece, boolean[] same) {
        if (!same[t.files().size()]) {
            return false;
        }
        for (FileSlice s : t.fileTree().slices(piece, 0, t.pieceSize(piece))) {
            if (!same[s.fileIndex()]) {
                return false;
            }
        }
        return true;
    }
}
