package dev.torrpedo.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** What the three BEP 52 hash messages share: the checks and texts of their common fields. */
final class HashFields {
    static final int ROOT_LENGTH = 32;

    private HashFields() {
    }

    static void checkRoot(byte[] root) {
        Objects.requireNonNull(root, "piecesRoot");
        if (root.length != ROOT_LENGTH) {
            throw new IllegalArgumentException("piecesRoot: " + root.length + " bytes (expected: 32)");
        }
    }

    static int hash(byte[] root, int baseLayer, int index, int length, int proofLayers) {
        return Arrays.hashCode(new int[] {Arrays.hashCode(root), baseLayer, index, length, proofLayers});
    }

    static String describe(String name, byte[] root, int baseLayer, int index, int length, int proofLayers) {
        return name + "[root=" + HexFormat.of().formatHex(root, 0, 8) + "..., baseLayer=" + baseLayer
                + ", index=" + index + ", length=" + length + ", proofLayers=" + proofLayers + "]";
    }
}
