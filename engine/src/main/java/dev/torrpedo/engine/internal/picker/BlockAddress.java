package dev.torrpedo.engine.internal.picker;

/**
 * A block named by one {@code long}: the piece index in bits 16..47, the block index within
 * the piece in bits 0..15. A pick may set {@link #DUPLICATE} (bit 62) on an address it hands
 * out in endgame, when the block is also requested from another peer; {@link #address(long)}
 * strips it. Packed so that a pick allocates nothing and a peer's request queue is a
 * {@code long[]}.
 */
public final class BlockAddress {
    /** Set on a picked address that another peer has also requested (endgame). */
    public static final long DUPLICATE = 1L << 62;

    private BlockAddress() {
    }

    /** @return the address of block {@code block} of piece {@code piece} */
    public static long of(int piece, int block) {
        return ((long) piece << 16) | block;
    }

    /** @return the piece index */
    public static int piece(long address) {
        return (int) ((address & ~DUPLICATE) >>> 16);
    }

    /** @return the block index within its piece */
    public static int block(long address) {
        return (int) (address & 0xFFFF);
    }

    /** @return whether a pick flagged this address as an endgame duplicate */
    public static boolean isDuplicate(long address) {
        return (address & DUPLICATE) != 0;
    }

    /** @return the address without the duplicate flag */
    public static long address(long address) {
        return address & ~DUPLICATE;
    }

    /** @return {@code "piece/block"}, with {@code "+dup"} when flagged */
    public static String toString(long address) {
        return piece(address) + "/" + block(address) + (isDuplicate(address) ? "+dup" : "");
    }
}
