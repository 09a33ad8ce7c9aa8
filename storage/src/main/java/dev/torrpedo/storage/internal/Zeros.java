package dev.torrpedo.storage.internal;

import java.nio.ByteBuffer;

/** Zero bytes: pad files, and holes in what was never written. */
final class Zeros {
    private static final byte[] ZEROS = new byte[64 * 1024];

    private Zeros() {
    }

    /** Fills the buffer's remaining bytes with zeros, advancing its position. */
    static void fill(ByteBuffer dst) {
        while (dst.hasRemaining()) {
            dst.put(ZEROS, 0, Math.min(ZEROS.length, dst.remaining()));
        }
    }
}
