package dev.torrpedo.storage;

import dev.torrpedo.metainfo.Torrent;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One torrent's data: asynchronous writes, reads, hashes and flushes of blocks addressed by
 * (piece, offset, length), after libtorrent's {@code disk_interface}.
 *
 * <h2>Threading</h2>
 * Every method is thread-safe and non-blocking (except {@link #close()}): it queues a job
 * and returns. Call it from any event loop. The jobs of one storage run in the order they
 * were submitted (a single queue, served by one disk thread at a time), so
 * <ul>
 * <li>a {@link #verify} sees every {@link #write} submitted before it;</li>
 * <li>{@link #move}, {@link #delete}, {@link #recheck}, {@link #setFilePriorities} and
 *     {@link #closeAsync} are fences: they start once every earlier job has finished
 *     (hashing included), and later jobs wait for them.</li>
 * </ul>
 * Every outcome is delivered by a task posted to the {@code Executor} passed with the call
 * (a peer's event loop), never on a storage thread. Futures are completed by such a task,
 * so stages attached before completion run on that executor.
 *
 * <h2>Ownership of written bytes</h2>
 * {@link #write} takes the caller's bytes as a {@link ByteBuffer} view plus a
 * {@code release} callback (for a Netty {@code ByteBuf}: {@code buf::release}). The storage
 * owns the bytes from the call on and calls {@code release} exactly once, on one of its own
 * threads, when it no longer needs them: after the write (or after hashing them, for a block
 * that arrived in order), on failure, or when the storage is closed. The caller must not
 * change the bytes before that.
 *
 * <h2>Back-pressure</h2>
 * Bytes held by the pool's queue are counted from {@code write} until {@code release}. A
 * write that leaves the count above the {@link DiskIoPool#highWaterMark()} returns
 * {@code true}: the peer should stop reading ({@code autoRead=false}) until its handler's
 * {@link WriteHandler#drained()} runs.
 *
 * <h2>Verified pieces and durability</h2>
 * A piece counts as verified once {@link #verify} passed (or a check found it good). Only
 * verified pieces can be {@link #read} (anything else fails with
 * {@link StorageError#NOT_VERIFIED}), so nothing unverified is ever served. Resume data
 * records a piece as verified only after its bytes were forced to the disk.
 */
public interface Storage extends AutoCloseable {
    /** Size of a block: writes and resume data track unfinished pieces in these units. */
    int BLOCK_SIZE = 16 * 1024;

    /** @return the torrent this storage holds */
    Torrent torrent();

    /** @return where the files are now (changes with {@link #move}) */
    Path savePath();

    /**
     * Checks what is on disk, after reading the resume data if there is any: the resume data
     * is a hint, trusted only for files whose sizes and modification times match what it
     * recorded; pieces of every other file that has data are hashed from disk (in parallel,
     * on the verifier pool). With no resume data, every piece with data on disk is hashed
     * (seeding from files that already exist). A fence; call it once, before the first write.
     *
     * @param progress called on {@code executor} as pieces are checked
     * @return what is verified, and the unfinished pieces' blocks to skip
     */
    CompletableFuture<CheckResult> checkFiles(CheckProgress progress, Executor executor);

    /**
     * Hashes every piece on disk again, ignoring resume data, and replaces the verified set
     * with what it finds. A fence.
     */
    CompletableFuture<CheckResult> recheck(CheckProgress progress, Executor executor);

    /**
     * Queues a block for writing. Pad-file bytes in it are not written; bytes of skipped files
     * go to the part file. A block of a piece that is verified, or bytes already hashed, are
     * dropped (a duplicate from endgame) and reported written.
     *
     * @param piece   the piece
     * @param offset  the block's offset in the piece
     * @param data    the block (its remaining bytes); owned by the storage until {@code release}
     * @param release called exactly once, on a storage thread, when the bytes are no longer needed
     * @param handler told of the outcome, and of the drain if this returns {@code true}, on {@code executor}
     * @return whether the disk queue is over its high-water mark: stop reading until
     *         {@link WriteHandler#drained()}
     * @throws IndexOutOfBoundsException if the block is not inside the piece ({@code release}
     *         has then already run)
     */
    boolean write(int piece, int offset, ByteBuffer data, Runnable release, Executor executor, WriteHandler handler);

    /**
     * Reads bytes of a verified piece for uploading, through the pool's block cache (a cache
     * hit is answered without touching the disk queue).
     *
     * @param length 1 .. the rest of the piece
     * @throws IndexOutOfBoundsException if the range is not inside the piece
     */
    void read(int piece, int offset, int length, Executor executor, ReadHandler handler);

    /**
     * Reads bytes of a verified piece for uploading into the caller's buffer: as many as
     * {@code into} has remaining (1 .. the rest of the piece), from its position. A range
     * the block cache holds whole is copied from it at once; otherwise the read runs on the
     * job queue, straight from the file into {@code into} (with a direct buffer, the only
     * copy is the file system's), and does not fill the cache: filling it would cost a block
     * allocated and copied for each read, which is what this method saves.
     *
     * <p>The handler gets {@code into} itself as its {@code data}, filled and with its
     * position and limit unchanged, or an error. The buffer stays the caller's, who must
     * not touch it until the handler ran, and frees it either way.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the piece
     */
    void readInto(int piece, int offset, ByteBuffer into, Executor executor, ReadHandler handler);

    /**
     * Hashes a piece and compares it with every hash the torrent has for it (SHA-1 for v1,
     * the merkle piece hash for v2, both for a hybrid). Bytes that arrived in order were
     * hashed as they were written; only the rest are read back from disk. A pass marks the
     * piece verified; a failure forgets the piece's written blocks so it can be downloaded
     * again.
     */
    void verify(int piece, Executor executor, VerifyHandler handler);

    /**
     * Forgets what was written of an unverified piece (the engine gave up on it, or a peer's
     * data is to be discarded): its hashing state and written blocks. Queued like a write.
     */
    void clearPiece(int piece);

    /** @return whether the piece is verified now */
    boolean isVerified(int piece);

    /** @return a copy of the verified pieces */
    BitSet verifiedPieces();

    /**
     * Applies new file priorities (one per file, 0..7; 0 skips the file). A file that becomes
     * wanted gets the bytes the part file kept for it; a file that becomes skipped and already
     * exists keeps its data. A fence.
     */
    CompletableFuture<Void> setFilePriorities(int[] priorities, Executor executor);

    /** Forces every byte written so far to the disk. */
    CompletableFuture<Void> flush(Executor executor);

    /**
     * Forces the data to disk, then writes the resume data atomically (temporary file,
     * force, atomic rename, force the directory). Only pieces verified before the force are
     * recorded. Completes at once when the storage has no resume file.
     */
    CompletableFuture<Void> saveResumeData(Executor executor);

    /**
     * Moves every file (and the part file) under {@code newSavePath}, then uses it. A fence.
     * On failure, files already moved are moved back where possible.
     */
    CompletableFuture<Void> move(Path newSavePath, Executor executor);

    /**
     * Deletes the torrent's files, the part file, the directories they leave empty and the
     * resume file, then closes the storage. A fence.
     */
    CompletableFuture<Void> delete(Executor executor);

    /**
     * Finishes every queued job, forces the data, saves resume data (if there is a resume
     * file), closes the file handles and drops the cached blocks. Jobs submitted afterwards
     * fail with {@link StorageError#CLOSED}. Idempotent.
     */
    CompletableFuture<Void> closeAsync(Executor executor);

    /**
     * {@link #closeAsync} and wait. Blocks: never call it on an event loop.
     *
     * @throws StorageException if forcing the data or saving resume data failed
     */
    @Override
    void close() throws StorageException;
}
