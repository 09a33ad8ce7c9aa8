package dev.torrpedo.engine.internal.upload;

/**
 * A range a peer asked us for: {@code length} bytes at {@code begin} in piece {@code piece}.
 * Unlike our own requests, a peer's need not fall on 16 KiB boundaries.
 *
 * @param piece  the piece index
 * @param begin  the byte offset within the piece
 * @param length the number of bytes
 */
public record BlockRequest(int piece, int begin, int length) {
}
