package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.ReadHandler;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/**
 * Reads a range of a verified piece for uploading, on the torrent's job queue: whole
 * 16 KiB blocks, which go to the block cache, and the range cut from them; or, for
 * {@link dev.torrpedo.storage.Storage#readInto}, the range straight into the caller's
 * buffer. A file found gone or short un-verifies its pieces.
 */
final class ReadJob extends SerialQueue.Job {
    private final TorrentStorage s;
    private final int piece;
    private final int offset;
    private final int length;
    private final Executor executor;
    private final ReadHandler handler;
    /** The caller's buffer, for readInto; null to read through the block cache. */
    private final ByteBuffer into;

    ReadJob(TorrentStorage s, int piece, int offset, int length, Executor executor, ReadHandler handler) {
        this(s, piece, offset, length, null, executor, handler);
    }

    ReadJob(TorrentStorage s, int piece, int offset, ByteBuffer into, Executor executor, ReadHandler handler) {
        this(s, piece, offset, into.remaining(), into, executor, handler);
    }

    private ReadJob(TorrentStorage s, int piece, int offset, int length, ByteBuffer into, Executor executor,
            ReadHandler handler) {
        this.s = s;
        this.piece = piece;
        this.offset = offset;
        this.length = length;
        this.into = into;
        this.executor = executor;
        this.handler = handler;
    }

    @Override
    boolean run() {
        if (s.closed) {
            fail();
            return true;
        }
        if (!s.verified.get(piece)) {
            StorageException e = TorrentStorage.notVerified(piece);
            Callbacks.post(executor, () -> handler.read(piece, offset, null, e));
            return true;
        }
        if (into != null) {
            try {
                s.backend.read(piece, offset, into.duplicate(), Backend.ReadMode.STRICT);
            } catch (StorageException e) {
                failed(e);
                return true;
            }
            Callbacks.post(executor, () -> handler.read(piece, offset, into, null));
            return true;
        }
        int bs = Storage.BLOCK_SIZE;
        int b0 = offset / bs;
        int b1 = (offset + length - 1) / bs;
        int size = s.torrent.pieceSize(piece);
        byte[] single = null;
        byte[] out = b0 == b1 ? null : new byte[length];
        try {
            for (int b = b0; b <= b1; b++) {
                byte[] block = s.disk.blockCache().get(s.id, piece, b);
                if (block == null) {
                    block = new byte[Math.min(bs, size - b * bs)];
                    s.backend.read(piece, b * bs, ByteBuffer.wrap(block), Backend.ReadMode.STRICT);
                    s.disk.blockCache().put(s.id, piece, b, block);
                }
                if (out == null) {
                    single = block;
                } else {
                    TorrentStorage.copyBlock(block, b, offset, length, out);
                }
            }
        } catch (StorageException e) {
            failed(e);
            return true;
        }
        ByteBuffer result = out != null ? ByteBuffer.wrap(out).asReadOnlyBuffer()
                : ByteBuffer.wrap(single, offset - b0 * bs, length).slice().asReadOnlyBuffer();
        Callbacks.post(executor, () -> handler.read(piece, offset, result, null));
        return true;
    }

    /** A file found gone or short un-verifies its pieces; the handler hears of the error. */
    private void failed(StorageException e) {
        if ((e.error() == StorageError.FILE_MISSING || e.error() == StorageError.FILE_TRUNCATED) && e.fileIndex() >= 0) {
            s.unverifyFile(e.fileIndex());
        }
        Callbacks.post(executor, () -> handler.read(piece, offset, null, e));
    }

    @Override
    void fail() {
        StorageException e = TorrentStorage.closedError();
        Callbacks.post(executor, () -> handler.read(piece, offset, null, e));
    }
}
