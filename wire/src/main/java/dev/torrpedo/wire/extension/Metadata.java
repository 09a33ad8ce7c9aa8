package dev.torrpedo.wire.extension;

/** Constants and checks shared by the three {@code ut_metadata} messages. */
final class Metadata {
    /** Every piece of the info dictionary but the last is this long. */
    static final int PIECE_LENGTH = 16 * 1024;
    static final int MSG_REQUEST = 0;
    static final int MSG_DATA = 1;
    static final int MSG_REJECT = 2;

    private Metadata() {
    }

    static void checkPiece(int piece) {
        if (piece < 0) {
            throw new IllegalArgumentException("piece: " + piece + " (expected: >= 0)");
        }
    }
}
