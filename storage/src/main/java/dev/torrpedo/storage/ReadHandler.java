package dev.torrpedo.storage;

import java.nio.ByteBuffer;

/** Receives the outcome of {@link Storage#read} or {@link Storage#readInto}, on the {@code Executor} passed with it. */
@FunctionalInterface
public interface ReadHandler {

    /**
     * @param piece  the piece
     * @param offset the offset in the piece
     * @param data   on success a read-only buffer of exactly the requested length, never
     *               changed afterwards and owned by nobody (keep it, send it, drop it); from
     *               {@link Storage#readInto}, the caller's own buffer; {@code null} on error
     * @param error  {@code null} on success
     */
    void read(int piece, int offset, ByteBuffer data, StorageException error);
}
