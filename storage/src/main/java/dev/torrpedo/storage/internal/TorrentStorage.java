package dev.torrpedo.storage.internal;

import dev.torrpedo.metainfo.PieceRange;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.CheckProgress;
import dev.torrpedo.storage.CheckResult;
import dev.torrpedo.storage.DiskIoPool;
import dev.torrpedo.storage.ReadHandler;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.storage.VerifierPool;
import dev.torrpedo.storage.VerifyHandler;
import dev.torrpedo.storage.WriteHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent's {@link Storage}: a {@link SerialQueue} of jobs on the disk pool, per-piece
 * hash lanes on the verifier pool, and the state they share.
 *
 * <p>State owned by the job queue (touched only by the job running): {@link #partial},
 * {@link #closed}, the backend's writes. Shared: {@link #verified} (lock-free bits), the
 * hashing count that fences wait on, the block cache.
 */
public final class TorrentStorage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(TorrentStorage.class);
    private static final int READ_BACK_CHUNK = 256 * 1024;
    /**
     * Written bytes after which the disk is asked to catch up ({@link #wrote}). Otherwise a
     * machine with memory to spare holds a whole download dirty in its page cache, and the
     * save at completion (which forces the data before recording any piece as verified)
     * waits for all of it: 0.4-0.5 s of a 1 GiB download that took 3 s.
     */
    static final long FLUSH_BEHIND_BYTES = 64L << 20;
    /**
     * One read-back buffer per verifier thread, reused for every piece it finishes (a piece
     * whose blocks came out of order is read back in part): bounded by the pool's size,
     * where a buffer per piece made a megabyte of garbage per verified piece. On the heap,
     * so the digest reads it directly instead of copying it out first.
     */
    private static final ThreadLocal<ByteBuffer> READ_BACK = ThreadLocal.withInitial(() -> ByteBuffer.allocate(READ_BACK_CHUNK));

    final Torrent torrent;
    final Backend backend;
    final DiskThreads disk;
    final HashThreads hash;
    final long id;
    final SerialQueue queue;
    final AtomicBits verified;
    final Map<Integer, Partial> partial = new HashMap<>();
    final Path resumeFile;
    final int[] initialPriorities;
    private final ResumeDataCodec.Geometry geometry;
    private final AtomicInteger hashing = new AtomicInteger();
    private final AtomicBoolean fenceWaiting = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Bytes written since the last flush-behind began; the job queue's. */
    private long unflushed;
    private final CompletableFuture<Void> closed0 = new CompletableFuture<>();
    /** Set by the last job (close or delete); later jobs fail. */
    boolean closed;

    private TorrentStorage(StorageParams params, Backend backend, DiskThreads disk, HashThreads hash) {
        this.torrent = params.torrent();
        this.backend = backend;
        this.disk = disk;
        this.hash = hash;
        this.id = disk.newStorageId();
        this.queue = new SerialQueue(disk.pool());
        this.verified = new AtomicBits(torrent.pieceCount());
        this.resumeFile = params.resumeFile() == null ? null : params.resumeFile().toAbsolutePath();
        this.initialPriorities = params.filePriorities();
        this.geometry = new ResumeDataCodec.Geometry(torrent.infoHash().id(), torrent.pieceLength(), torrent.pieceCount(),
                torrent.files().size());
    }

    /**
     * Creates a storage of files on the given pools (which must be this module's own), touching no file.
     *
     * @throws IllegalArgumentException if a pool is not from {@link DiskIoPool#create} / {@link VerifierPool#create}
     */
    public static Storage files(StorageParams params, DiskIoPool disk, VerifierPool verifier) {
        return open(params, FileBackend::new, disk, verifier);
    }

    /**
     * Creates a storage in memory on the given pools (which must be this module's own).
     *
     * @throws IllegalArgumentException if a pool is not from {@link DiskIoPool#create} / {@link VerifierPool#create}
     */
    public static Storage memory(StorageParams params, DiskIoPool disk, VerifierPool verifier) {
        return open(params, MemoryBackend::new, disk, verifier);
    }

    static Storage open(StorageParams params, BiFunction<StorageParams, DiskThreads, Backend> backend,
            DiskIoPool disk, VerifierPool verifier) {
        if (!(disk instanceof DiskThreads) || !(verifier instanceof HashThreads)) {
            throw new IllegalArgumentException("pools must come from DiskIoPool.create and VerifierPool.create");
        }
        DiskThreads d = (DiskThreads) disk;
        if (d.isClosed()) {
            throw new IllegalStateException("the disk pool is closed");
        }
        return new TorrentStorage(params, backend.apply(params, d), d, (HashThreads) verifier);
    }

    @Override
    public Torrent torrent() {
        return torrent;
    }

    @Override
    public Path savePath() {
        return backend.root();
    }

    static StorageException closedError() {
        return new StorageException(StorageError.CLOSED, "the storage is closed");
    }

    // ---------------------------------------------------------------- blocks

    private void checkRange(int piece, int offset, int length) {
        int size = torrent.pieceSize(piece); // checks the piece
        if (offset < 0 || length <= 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("block [" + offset + ", +" + length + ") of piece " + piece
                    + " (expected: inside [0, " + size + "))");
        }
    }

    @Override
    public boolean write(int piece, int offset, ByteBuffer data, Runnable release, Executor executor, WriteHandler handler) {
        int length = data.remaining();
        try {
            checkRange(piece, offset, length);
        } catch (IndexOutOfBoundsException e) {
            release.run();
            throw e;
        }
        if (closing.get()) {
            release.run();
            Callbacks.post(executor, () -> handler.written(piece, offset, length, closedError()));
            return false;
        }
        boolean over = disk.hold(length);
        queue.submit(new WriteJob(this, piece, offset, data, release, executor, handler));
        if (over) {
            disk.awaitDrain(handler, executor);
        }
        return over;
    }

    @Override
    public void read(int piece, int offset, int length, Executor executor, ReadHandler handler) {
        if (refused(piece, offset, length, executor, handler)) {
            return;
        }
        ByteBuffer hit = fromCache(piece, offset, length);
        if (hit != null) {
            Callbacks.post(executor, () -> handler.read(piece, offset, hit, null));
            return;
        }
        queue.submit(new ReadJob(this, piece, offset, length, executor, handler));
    }

    @Override
    public void readInto(int piece, int offset, ByteBuffer into, Executor executor, ReadHandler handler) {
        if (refused(piece, offset, into.remaining(), executor, handler)) {
            return;
        }
        ByteBuffer hit = fromCache(piece, offset, into.remaining());
        if (hit != null) {
            into.duplicate().put(hit);
            Callbacks.post(executor, () -> handler.read(piece, offset, into, null));
            return;
        }
        queue.submit(new ReadJob(this, piece, offset, into, executor, handler));
    }

    /**
     * Checks a read before it is queued: the range (thrown), then a closing storage or an
     * unverified piece (answered).
     *
     * @return whether the handler was answered with an error
     */
    private boolean refused(int piece, int offset, int length, Executor executor, ReadHandler handler) {
        checkRange(piece, offset, length);
        StorageException e = closing.get() ? closedError() : verified.get(piece) ? null : notVerified(piece);
        if (e != null) {
            Callbacks.post(executor, () -> handler.read(piece, offset, null, e));
        }
        return e != null;
    }

    static StorageException notVerified(int piece) {
        return new StorageException(StorageError.NOT_VERIFIED, "piece " + piece + " is not verified");
    }

    /** @return the range as a read-only buffer if every block it touches is cached, else {@code null} */
    ByteBuffer fromCache(int piece, int offset, int length) {
        int b0 = offset / BLOCK_SIZE;
        int b1 = (offset + length - 1) / BLOCK_SIZE;
        BlockCache cache = disk.blockCache();
        if (b0 == b1) {
            byte[] b = cache.get(id, piece, b0);
            return b == null ? null : ByteBuffer.wrap(b, offset - b0 * BLOCK_SIZE, length).slice().asReadOnlyBuffer();
        }
        byte[] out = new byte[length];
        for (int b = b0; b <= b1; b++) {
            byte[] block = cache.get(id, piece, b);
            if (block == null) {
                return null;
            }
            copyBlock(block, b, offset, length, out);
        }
        return ByteBuffer.wrap(out).asReadOnlyBuffer();
    }

    /** Copies the part of block {@code b} that lies in {@code [offset, offset + length)} into {@code out}. */
    static void copyBlock(byte[] block, int b, int offset, int length, byte[] out) {
        int start = Math.max(offset, b * BLOCK_SIZE);
        int end = Math.min(offset + length, b * BLOCK_SIZE + block.length);
        System.arraycopy(block, start - b * BLOCK_SIZE, out, start - offset, end - start);
    }

    @Override
    public void verify(int piece, Executor executor, VerifyHandler handler) {
        torrent.pieceSize(piece);
        if (closing.get()) {
            Callbacks.post(executor, () -> handler.verified(piece, false, closedError()));
            return;
        }
        queue.submit(new VerifyJob(this, piece, executor, handler));
    }

    @Override
    public void clearPiece(int piece) {
        torrent.pieceSize(piece);
        if (closing.get()) {
            return;
        }
        queue.submit(new SerialQueue.Job() {
            @Override
            boolean run() {
                partial.remove(piece);
                return true;
            }

            @Override
            void fail() {
            }
        });
    }

    @Override
    public boolean isVerified(int piece) {
        torrent.pieceSize(piece);
        return verified.get(piece);
    }

    @Override
    public BitSet verifiedPieces() {
        return verified.toBitSet();
    }

    /** A piece's file is gone or short: its pieces can no longer be served. */
    void unverifyFile(int file) {
        PieceRange r = torrent.fileTree().pieceRange(file);
        for (int p = r.first(); p < r.end(); p++) {
            unverify(p);
        }
    }

    void unverify(int piece) {
        verified.clear(piece);
        disk.blockCache().invalidate(id, piece);
    }

    // ---------------------------------------------------------------- hashing

    /** Runs {@code job} on a piece's hash lane, counted so that fences can wait for it. */
    void submitHash(SerialQueue lane, SerialQueue.Job job) {
        hashing.incrementAndGet();
        lane.submit(new SerialQueue.Job() {
            @Override
            boolean run() {
                try {
                    return job.run();
                } finally {
                    hashDone();
                }
            }

            @Override
            void fail() {
                try {
                    job.fail();
                } finally {
                    hashDone();
                }
            }
        });
    }

    private void hashDone() {
        if (hashing.decrementAndGet() == 0 && fenceWaiting.compareAndSet(true, false)) {
            queue.resume();
        }
    }

    /**
     * On the job queue: whether no hashing (or flush-behind) is in flight; if some is, the
     * queue resumes when it ends.
     */
    boolean hashQuiet() {
        if (hashing.get() == 0) {
            return true;
        }
        fenceWaiting.set(true);
        return hashing.get() == 0 && fenceWaiting.compareAndSet(true, false);
    }

    /**
     * On the job queue, after a write: once {@link #FLUSH_BEHIND_BYTES} were written, a disk
     * thread forces the files already open, beside the queue (never in it: the writes go on).
     * This records nothing, so the saves' own forces still decide what counts as durable (a
     * failure it meets is kept for the next force to throw); it only starts the disk's work
     * early, so that theirs find little left to do. At most one runs in the whole pool, so a
     * thread is always left for the queues, and none with a single disk thread. It counts as
     * work beside the queue: fences (close, delete, move) wait for it as for hashing.
     */
    void wrote(int bytes) {
        unflushed += bytes;
        if (unflushed < FLUSH_BEHIND_BYTES || disk.pool().size() < 2 || !disk.startFlushBehind()) {
            return;
        }
        unflushed = 0;
        hashing.incrementAndGet();
        try {
            disk.pool().execute(() -> {
                try {
                    if (!closing.get()) {
                        backend.flushBehind();
                    }
                } finally {
                    disk.endFlushBehind();
                    hashDone();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closingPool) {
            disk.endFlushBehind();
            hashDone();
        }
    }

    /** On a verifier thread: feeds the hasher the bytes from where it stopped to the piece's end, read from the backend. */
    void readBack(PieceHasher h) throws StorageException {
        if (h.fed() < h.size()) {
            h.feedFrom(backend, READ_BACK.get(), Backend.ReadMode.VERIFY);
        }
    }

    // ---------------------------------------------------------------- fences and whole-torrent jobs

    @Override
    public CompletableFuture<CheckResult> checkFiles(CheckProgress progress, Executor executor) {
        return submit(new CheckJob(this, false, progress, executor));
    }

    @Override
    public CompletableFuture<CheckResult> recheck(CheckProgress progress, Executor executor) {
        return submit(new CheckJob(this, true, progress, executor));
    }

    @Override
    public CompletableFuture<Void> setFilePriorities(int[] priorities, Executor executor) {
        int[] p = priorities.clone();
        if (p.length != torrent.files().size()) {
            throw new IllegalArgumentException("priorities: " + p.length + " (expected: " + torrent.files().size() + ")");
        }
        for (int v : p) {
            if (v < 0 || v > 7) {
                throw new IllegalArgumentException("file priority: " + v + " (expected: 0..7)");
            }
        }
        return submit(new Fence<Void>(this, executor) {
            @Override
            boolean body() throws StorageException {
                backend.setPriorities(p);
                complete(null);
                return true;
            }
        });
    }

    @Override
    public CompletableFuture<Void> flush(Executor executor) {
        return submit(new Fence<Void>(this, executor, false) {
            @Override
            boolean body() throws StorageException {
                backend.force();
                complete(null);
                return true;
            }
        });
    }

    @Override
    public CompletableFuture<Void> saveResumeData(Executor executor) {
        return submit(new Fence<Void>(this, executor, false) {
            @Override
            boolean body() throws StorageException {
                saveResumeNow();
                complete(null);
                return true;
            }
        });
    }

    @Override
    public CompletableFuture<Void> move(Path newSavePath, Executor executor) {
        return submit(new Fence<Void>(this, executor) {
            @Override
            boolean body() throws StorageException {
                backend.move(newSavePath);
                complete(null);
                return true;
            }
        });
    }

    @Override
    public CompletableFuture<Void> delete(Executor executor) {
        if (!closing.compareAndSet(false, true)) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            f.completeExceptionally(closedError());
            return f;
        }
        Fence<Void> job = new Fence<Void>(this, executor) {
            @Override
            boolean body() throws StorageException {
                closed = true;
                partial.clear();
                disk.blockCache().invalidate(id);
                try {
                    backend.delete();
                    backend.close();
                    if (resumeFile != null) {
                        Files.deleteIfExists(AtomicFiles.temporary(resumeFile));
                        Files.deleteIfExists(resumeFile);
                    }
                } catch (IOException e) {
                    closed0.completeExceptionally(e);
                    throw Errors.of(e, -1, resumeFile, "deleting");
                } finally {
                    closed0.complete(null);
                }
                complete(null);
                return true;
            }
        };
        queue.submit(job); // not through submit(): closing is already set
        return job.future;
    }

    @Override
    public CompletableFuture<Void> closeAsync(Executor executor) {
        if (closing.compareAndSet(false, true)) {
            queue.submit(new CloseJob(this, closed0));
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        closed0.whenComplete((v, e) -> {
            if (e == null) {
                Callbacks.complete(f, executor, null);
            } else {
                Callbacks.fail(f, executor, e);
            }
        });
        return f;
    }

    @Override
    public void close() throws StorageException {
        try {
            closeAsync(Runnable::run).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageError.IO, -1, null, "interrupted while closing", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            if (c instanceof StorageException) {
                throw (StorageException) c;
            }
            throw new StorageException(StorageError.IO, -1, null, "closing failed: " + c, c);
        }
    }

    private <T> CompletableFuture<T> submit(Fence<T> job) {
        if (closing.get()) {
            job.fail();
            return job.future;
        }
        queue.submit(job);
        return job.future;
    }

    /**
     * On the job queue: forces the data, then records what is verified and durable. Pieces
     * are taken from the verified set before the force, so each recorded one was forced.
     */
    void saveResumeNow() throws StorageException {
        if (resumeFile == null) {
            backend.force();
            return;
        }
        BitSet v = verified.toBitSet();
        Map<Integer, BitSet> unfinished = new TreeMap<>();
        for (Map.Entry<Integer, Partial> e : partial.entrySet()) {
            if (!e.getValue().blocks.isEmpty() && !v.get(e.getKey())) {
                unfinished.put(e.getKey(), (BitSet) e.getValue().blocks.clone());
            }
        }
        backend.force();
        byte[] bytes = ResumeDataCodec.encode(new ResumeData(geometry.infoHash(), torrent.pieceLength(),
                torrent.pieceCount(), v, backend.stamps(), unfinished));
        try {
            AtomicFiles.write(resumeFile, bytes);
        } catch (IOException e) {
            StorageError kind = Errors.kind(e);
            throw new StorageException(kind == StorageError.IO ? StorageError.RESUME_DATA : kind, -1, resumeFile,
                    "writing resume data: " + e, e);
        }
    }

    /** On the job queue: the resume data, or {@code null} when there is none or it is unusable. */
    ResumeData loadResume() {
        if (resumeFile == null) {
            return null;
        }
        try {
            long size = Files.size(resumeFile);
            if (size > geometry.maxSize()) {
                LOG.warn("resume data {} is {} bytes, more than this torrent can need; ignored", resumeFile, size);
                return null;
            }
            return ResumeDataCodec.parse(Files.readAllBytes(resumeFile), geometry);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("resume data {} unreadable; checking the files instead", resumeFile, e);
            return null;
        } catch (ResumeDataException e) {
            LOG.warn("resume data {} unusable ({}); checking the files instead", resumeFile, e.getMessage());
            return null;
        }
    }

    @Override
    public String toString() {
        return "Storage[" + torrent.name() + " at " + backend.root() + "]";
    }
}
