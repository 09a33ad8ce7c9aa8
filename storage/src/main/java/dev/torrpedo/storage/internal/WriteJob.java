package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.WriteHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one block, on the torrent's job queue, then hands it to the piece's hash lane if
 * it continues the bytes hashed so far (the lane releases it after hashing); otherwise
 * releases it at once, to be read back when the piece is verified.
 */
final class WriteJob extends SerialQueue.Job {
    private static final Logger LOG = LoggerFactory.getLogger(WriteJob.class);

    private final TorrentStorage s;
    private final int piece;
    private final int offset;
    private final int length;
    private final ByteBuffer data;
    private final Runnable release;
    private final Executor executor;
    private final WriteHandler handler;
    private boolean released;

    WriteJob(TorrentStorage s, int piece, int offset, ByteBuffer data, Runnable release, Executor executor,
            WriteHandler handler) {
        this.s = s;
        this.piece = piece;
        this.offset = offset;
        this.length = data.remaining();
        this.data = data;
        this.release = release;
        this.executor = executor;
        this.handler = handler;
    }

    /** Gives the bytes back to their owner and uncounts them; once. */
    void releaseOnce() {
        if (released) {
            return;
        }
        released = true;
        try {
            release.run();
        } catch (RuntimeException e) {
            LOG.warn("a block's release callback failed", e);
        }
        s.disk.release(length);
    }

    private void answer(StorageException error) {
        Callbacks.post(executor, () -> handler.written(piece, offset, length, error));
    }

    @Override
    boolean run() {
        if (s.closed) {
            fail();
            return true;
        }
        if (s.verified.get(piece)) {
            releaseOnce(); // a late duplicate of a piece already verified: never overwrite good data
            answer(null);
            return true;
        }
        Partial pp = s.partial.computeIfAbsent(piece, k -> new Partial());
        int end = offset + length;
        if (end <= pp.cursor) {
            releaseOnce(); // already hashed: the bytes on disk are the ones the hash will cover
            answer(null);
            return true;
        }
        int skip = Math.max(0, pp.cursor - offset);
        ByteBuffer d = data.duplicate();
        d.position(d.position() + skip);
        try {
            s.backend.write(piece, offset + skip, d);
        } catch (StorageException e) {
            releaseOnce();
            answer(e);
            return true;
        }
        s.wrote(length - skip);
        markBlocks(pp, end);
        if (offset <= pp.cursor && !pp.noHash) {
            if (pp.hasher == null) {
                try {
                    pp.hasher = new PieceHasher(s.torrent, piece);
                    pp.lane = new SerialQueue(s.hash.pool());
                } catch (StorageException noHash) {
                    pp.noHash = true;
                }
            }
            if (pp.hasher != null) {
                pp.cursor = end;
                PieceHasher h = pp.hasher;
                s.submitHash(pp.lane, new SerialQueue.Job() {
                    @Override
                    boolean run() {
                        try {
                            h.update(d);
                        } finally {
                            releaseOnce();
                        }
                        return true;
                    }

                    @Override
                    void fail() {
                        releaseOnce();
                    }
                });
                answer(null);
                return true;
            }
        }
        releaseOnce();
        answer(null);
        return true;
    }

    /** Marks the 16 KiB blocks this write covered in full (the piece's short last block counts when reached). */
    private void markBlocks(Partial pp, int end) {
        int size = s.torrent.pieceSize(piece);
        int first = (offset + Storage.BLOCK_SIZE - 1) / Storage.BLOCK_SIZE;
        int last = end == size ? (size + Storage.BLOCK_SIZE - 1) / Storage.BLOCK_SIZE : end / Storage.BLOCK_SIZE;
        if (first < last) {
            pp.blocks.set(first, last);
        }
    }

    @Override
    void fail() {
        releaseOnce();
        answer(TorrentStorage.closedError());
    }
}
