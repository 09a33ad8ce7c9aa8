package dev.torrpedo.storage;

/**
 * Receives the outcome of {@link Storage#write} and, when a write reported the disk queue
 * over its high-water mark, the news that it has drained. A peer connection implements
 * this once and passes itself with every write (no allocation per block).
 *
 * <p>Both methods run on the {@code Executor} passed with the write.
 */
public interface WriteHandler {

    /**
     * A block was written (or failed). On success the bytes are in the operating system's
     * page cache, not necessarily on the disk.
     *
     * @param piece  the piece
     * @param offset the block's offset in the piece
     * @param length the block's length
     * @param error  {@code null} on success, else why the block is not stored
     */
    void written(int piece, int offset, int length, StorageException error);

    /**
     * The disk queue fell below its low-water mark (half the high-water mark) after a write
     * through this handler returned {@code true}: the peer may read again. Called once per
     * such write at most, possibly more than once overall; treat it as idempotent.
     */
    void drained();
}
