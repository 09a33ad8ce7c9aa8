package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads and checks BEP 52 {@code piece layers}: for every file longer than one piece, the
 * SHA-256 hashes of its pieces, keyed by the file's {@code pieces root}, which they must
 * hash up to.
 */
final class PieceLayers {
    static final String FIELD = "piece layers";

    private PieceLayers() {
    }

    /** @return whether file {@code f} has (needs) a piece layer */
    static boolean needsLayer(TorrentFile f, int pieceLength) {
        return !f.isPad() && f.rootOrNull() != null && f.length() > pieceLength;
    }

    /**
     * @param layers   the {@code piece layers} value, or {@code null} when absent
     * @param required whether a file without its layer is an error (a .torrent file) or not
     *                 (metadata from a magnet link, whose layers come from peers)
     * @return per file index, its layer, or {@code null}
     */
    static BString[] parse(BValue layers, List<TorrentFile> files, int pieceLength, boolean required) {
        BString[] out = new BString[files.size()];
        Map<ByteBuffer, List<Integer>> byRoot = new HashMap<>();
        for (TorrentFile f : files) {
            if (needsLayer(f, pieceLength)) {
                byRoot.computeIfAbsent(ByteBuffer.wrap(f.rootOrNull()), k -> new ArrayList<>()).add(f.index());
            }
        }
        if (layers == null) {
            if (required && !byRoot.isEmpty()) {
                throw new MetainfoException(MetainfoError.MISSING_PIECE_LAYER, FIELD,
                        "absent, but " + byRoot.size() + " files are longer than one piece");
            }
            return out;
        }
        BDictionary dict = Fields.asDict(layers, FIELD);
        MessageDigest md = Merkle.sha256();
        for (BDictionary.Entry e : dict.entries()) {
            BString key = e.key();
            String field = FIELD + "/" + HexFormat.of().formatHex(key.bytes(), 0, Math.min(key.length(), 32));
            if (key.length() != Merkle.HASH_SIZE) {
                throw Fields.error(MetainfoError.INVALID_PIECE_LAYER, field, key,
                        "key: " + key.length() + " bytes (expected: a 32-byte pieces root)");
            }
            List<Integer> owners = byRoot.get(ByteBuffer.wrap(key.bytes()));
            if (owners == null) {
                throw Fields.error(MetainfoError.INVALID_PIECE_LAYER, field, key,
                        "no file longer than one piece has this pieces root");
            }
            BString hashes = Fields.asString(e.value(), field);
            TorrentFile f = files.get(owners.get(0));
            long pieces = (f.length() + pieceLength - 1) / pieceLength;
            if (hashes.length() != pieces * Merkle.HASH_SIZE) {
                throw Fields.error(MetainfoError.INVALID_PIECE_LAYER, field, hashes, "layer: " + hashes.length()
                        + " bytes (expected: " + pieces * Merkle.HASH_SIZE + " for " + pieces + " pieces)");
            }
            byte[] flat = hashes.bytes();
            byte[] root = Merkle.root(flat, 0, (int) pieces, Merkle.nextPowerOfTwo(pieces),
                    Merkle.pad(pieceLength / Merkle.BLOCK_SIZE), md);
            if (!key.contentEquals(root)) {
                throw Fields.error(MetainfoError.INVALID_PIECE_LAYER, field, hashes,
                        "the layer does not hash to its pieces root");
            }
            for (int i : owners) {
                out[i] = hashes;
            }
        }
        if (required) {
            for (List<Integer> owners : byRoot.values()) {
                if (out[owners.get(0)] == null) {
                    TorrentFile f = files.get(owners.get(0));
                    throw new MetainfoException(MetainfoError.MISSING_PIECE_LAYER, FIELD,
                            "no layer for '" + String.join("/", f.path()) + "' (" + f.length() + " bytes)");
                }
            }
        }
        return out;
    }
}
