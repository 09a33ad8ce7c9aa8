package dev.torrpedo.storage.internal;

import dev.torrpedo.metainfo.FileSlice;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.StorageParams;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A torrent's bytes in memory: one array per piece, allocated when the piece is first
 * written, pad bytes left zero. For tests and benchmarks; nothing outlives the process, so
 * its stamps never match resume data.
 */
final class MemoryBackend implements Backend {
    private static final FileStamp VOLATILE = new FileStamp(FileStamp.VOLATILE, 0);

    private final Torrent torrent;
    /** Written on the job queue, read by hashing threads for pieces written before (the queues order that). */
    private final byte[][] pieces;
    private volatile Path root;

    /** Allocates nothing until written. */
    MemoryBackend(StorageParams params, DiskThreads disk) {
        this.torrent = params.torrent();
        this.pieces = new byte[torrent.pieceCount()][];
        this.root = params.savePath();
    }

    @Override
    public void write(int piece, int offset, ByteBuffer data) throws StorageException {
        byte[] p = pieces[piece];
        if (p == null) {
            p = new byte[torrent.pieceSize(piece)];
            pieces[piece] = p;
        }
        int pos = data.position();
        int at = offset;
        for (FileSlice s : torrent.fileTree().slices(piece, offset, data.remaining())) {
            int len = (int) s.length();
            if (!s.pad()) {
                data.duplicate().position(pos).get(p, at, len);
            }
            pos += len;
            at += len;
        }
    }

    @Override
    public void read(int piece, int offset, ByteBuffer dst, ReadMode mode) throws StorageException {
        byte[] p = pieces[piece];
        if (p == null) {
            if (mode != ReadMode.CHECK) {
                throw new StorageException(StorageError.FILE_MISSING, "piece " + piece + " is not in memory");
            }
            Zeros.fill(dst);
            return;
        }
        dst.put(p, offset, dst.remaining());
    }

    @Override
    public ByteBuffer view(int piece) {
        byte[] p = pieces[piece];
        return p == null ? null : ByteBuffer.wrap(p).asReadOnlyBuffer();
    }

    @Override
    public boolean hasData(int piece) {
        return pieces[piece] != null;
    }

    @Override
    public void force() {
    }

    @Override
    public void markAllDirty() {
    }

    @Override
    public List<FileStamp> stamps() {
        List<FileStamp> out = new ArrayList<>(torrent.files().size() + 1);
        for (int i = 0; i <= torrent.files().size(); i++) {
            out.add(VOLATILE);
        }
        return out;
    }

    @Override
    public void setPriorities(int[] priorities) {
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public void move(Path newRoot) {
        root = newRoot;
    }

    @Override
    public void delete() {
        java.util.Arrays.fill(pieces, null);
    }

    @Override
    public void close() {
    }
}
