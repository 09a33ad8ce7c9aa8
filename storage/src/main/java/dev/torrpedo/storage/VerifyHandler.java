package dev.torrpedo.storage;

/** Receives the outcome of {@link Storage#verify}, on the {@code Executor} passed with it. */
@FunctionalInterface
public interface VerifyHandler {

    /**
     * @param piece  the piece
     * @param passed whether its bytes match every hash the torrent has for it (false on error)
     * @param error  {@code null} if the piece could be hashed, else why not (for example
     *               {@link StorageError#FILE_MISSING} or {@link StorageError#NO_HASH})
     */
    void verified(int piece, boolean passed, StorageException error);
}
