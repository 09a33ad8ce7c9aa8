package dev.torrpedo.wire.extension;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code ut_metadata} data (BEP 9): {@code d8:msg_typei1e5:piecei<piece>e10:total_sizei<size>ee}
 * followed by the piece's bytes, 16 KiB except for the last piece.
 *
 * @param piece     which piece of the info dictionary
 * @param totalSize the size of the whole info dictionary
 * @param data      the piece's bytes (owned by the record)
 */
public record MetadataData(int piece, int totalSize, byte[] data) implements ExtensionMessage {
    /** Checks the piece, the size and the data length. */
    public MetadataData {
        Metadata.checkPiece(piece);
        Objects.requireNonNull(data, "data");
        if (totalSize <= 0) {
            throw new IllegalArgumentException("totalSize: " + totalSize + " (expected: > 0)");
        }
        if (data.length > Metadata.PIECE_LENGTH) {
            throw new IllegalArgumentException("data: " + data.length + " bytes (expected: <= 16384)");
        }
    }

    @Override
    public String name() {
        return UT_METADATA;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetadataData m && piece == m.piece && totalSize == m.totalSize && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * piece + totalSize) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "MetadataData[piece=" + piece + ", totalSize=" + totalSize + ", " + data.length + " bytes]";
    }
}
