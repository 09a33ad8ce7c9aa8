package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BString;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated .torrent: v1 (BEP 3), v2 (BEP 52) or hybrid. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Torrent t = Torrent.parse(Files.readAllBytes(path));        // MetainfoException if unusable
 * t.infoHash();  t.files();  t.fileTree().slices(piece, offset, length);
 * SafePaths.resolveUnder(downloadDir, t.files().get(0));      // never outside downloadDir
 * }</pre>
 *
 * <p>The bytes are kept as received: {@link #bytes()} is the input, byte for byte, so
 * parsing and writing back out reproduces it, and the info hash is taken over the raw span
 * of the info dictionary ({@link #rawInfo()}), never over a re-encoding. Keys this class
 * does not model stay readable through {@link #dictionary()} and {@link #info()}.
 *
 * <p>Validation follows libtorrent: see {@link TorrentLimits} for the limits, and
 * {@link MetainfoError} for what fails. Fields outside the info dictionary (trackers, web
 * seeds, comment, ...) are read leniently: a value of the wrong type is ignored.
 */
public final class Torrent {
    private final byte[] bytes;
    private final BDictionary root;
    private final BDictionary info;
    private final InfoHash infoHash;
    private final TorrentVersion version;
    private final String name;
    private final FileTree tree;
    private final BString pieces;
    private final BString[] layers;
    private final boolean isPrivate;
    private final List<List<String>> trackers;
    private final List<String> webSeeds;
    private final String comment;
    private final String createdBy;
    private final Instant creationDate;

    Torrent(byte[] bytes, BDictionary root, BDictionary info, InfoHash infoHash, InfoParser.Parsed parsed,
            BString[] layers, List<List<String>> trackers, List<String> webSeeds, String comment, String createdBy,
            Instant creationDate) {
        this.bytes = bytes;
        this.root = root;
        this.info = info;
        this.infoHash = infoHash;
        this.version = parsed.version();
        this.name = parsed.name();
        this.tree = new FileTree(parsed.files(), parsed.pieceLength());
        this.pieces = parsed.pieces();
        this.isPrivate = parsed.isPrivate();
        this.layers = layers;
        this.trackers = trackers;
        this.webSeeds = webSeeds;
        this.comment = comment;
        this.createdBy = createdBy;
        this.creationDate = creationDate;
    }

    /**
     * Parses and validates a .torrent file with {@link TorrentLimits#DEFAULT}.
     *
     * @throws MetainfoException if it is malformed, breaks a limit or is inconsistent
     */
    public static Torrent parse(byte[] torrent) {
        return parse(torrent, TorrentLimits.DEFAULT);
    }

    /**
     * Parses and validates a .torrent file. A v2 or hybrid torrent must carry every piece
     * layer it needs.
     *
     * @throws MetainfoException if it is malformed, breaks a limit or is inconsistent
     */
    public static Torrent parse(byte[] torrent, TorrentLimits limits) {
        return parse(torrent, limits, true);
    }

    /**
     * Parses and validates a .torrent file, optionally letting a v2 or hybrid torrent lack
     * piece layers (a .torrent saved from a magnet link's metadata has none): such a torrent
     * answers {@link #hasPieceLayers()} false until {@link #withPieceLayers(Map)}, and peers
     * supply the layers (BEP 52 hash requests). Layers that are present are still checked.
     *
     * @param requirePieceLayers true to fail as {@link #parse(byte[], TorrentLimits)} does
     * @throws MetainfoException if it is malformed, breaks a limit or is inconsistent
     */
    public static Torrent parse(byte[] torrent, TorrentLimits limits, boolean requirePieceLayers) {
        return TorrentParser.parse(torrent.clone(), Objects.requireNonNull(limits, "limits"), requirePieceLayers);
    }

    /**
     * Builds a torrent from an info dictionary alone, as fetched from peers for a magnet link
     * (BEP 9), with {@link TorrentLimits#METADATA}.
     *
     * @see #fromInfo(byte[], InfoHash, List, List, TorrentLimits)
     */
    public static Torrent fromInfo(byte[] info, InfoHash expected) {
        return fromInfo(info, expected, List.of(), List.of(), TorrentLimits.METADATA);
    }

    /**
     * Builds a torrent from a magnet link's metadata: the info dictionary fetched from peers,
     * checked against the link's info hash, with the link's trackers (one tier each, as
     * libtorrent does) and web seeds.
     *
     * @throws MetainfoException {@link MetainfoError#INFO_HASH_MISMATCH} if the bytes do not
     *         hash to the link's info hash, or as {@link #parse(byte[])}
     */
    public static Torrent fromMagnet(byte[] info, MagnetLink link) {
        List<List<String>> tiers = new ArrayList<>();
        for (String tr : link.trackers()) {
            tiers.add(List.of(tr));
        }
        return fromInfo(info, link.infoHash(), tiers, link.webSeeds(), TorrentLimits.METADATA);
    }

    /**
     * Builds a torrent from an info dictionary alone. The bytes are first hashed and compared
     * with {@code expected} (its v1 hash with SHA-1, its v2 hash with SHA-256, both for a
     * hybrid), then parsed as a .torrent holding them under {@code info} and, if given,
     * {@code announce}, {@code announce-list} and {@code url-list}. A v2 torrent built this
     * way has no piece layers (peers send them, BEP 52): see {@link #withPieceLayers(Map)}.
     * The resulting torrent's info hash may hold more than {@code expected} (a v1 link to a
     * hybrid torrent yields the hybrid hash).
     *
     * @param info         the info dictionary's bytes, exactly as received
     * @param expected     the info hash they must have
     * @param trackerTiers trackers, in tiers (BEP 12)
     * @param webSeeds     web seed URLs (BEP 19)
     * @param limits       limits for the info dictionary
     * @throws MetainfoException {@link MetainfoError#INFO_HASH_MISMATCH}, or as {@link #parse(byte[])}
     */
    public static Torrent fromInfo(byte[] info, InfoHash expected, List<List<String>> trackerTiers,
            List<String> webSeeds, TorrentLimits limits) {
        Objects.requireNonNull(expected, "expected");
        return TorrentParser.fromInfo(info.clone(), expected, trackerTiers, webSeeds, limits);
    }

    /** @return the info hash: SHA-1 and/or SHA-256 of {@link #rawInfo()}, as the version has them */
    public InfoHash infoHash() {
        return infoHash;
    }

    /** @return v1, v2 or hybrid */
    public TorrentVersion version() {
        return version;
    }

    /** @return the name ({@code name.utf-8} if present, else {@code name}), as received */
    public String name() {
        return name;
    }

    /** @return the nominal piece length in bytes */
    public int pieceLength() {
        return tree.pieceLength();
    }

    /** @return the number of pieces */
    public int pieceCount() {
        return tree.pieceCount();
    }

    /** @return the size of {@code piece}; only the last piece may be short. See {@link FileTree}. */
    public int pieceSize(int piece) {
        return tree.pieceSize(piece);
    }

    /** @return the size of the piece space: every file, pad files included (libtorrent's {@code total_size}) */
    public long totalSize() {
        return tree.totalSize();
    }

    /** @return the bytes of files that are not pad files: what a download stores */
    public long payloadSize() {
        long n = 0;
        for (TorrentFile f : tree.files()) {
            if (!f.isPad()) {
                n += f.length();
            }
        }
        return n;
    }

    /** @return the files, pad files included, in piece-space order */
    public List<TorrentFile> files() {
        return tree.files();
    }

    /** @return the files with the piece-to-file mapping */
    public FileTree fileTree() {
        return tree;
    }

    /**
     * @return a copy of the v1 SHA-1 hash of {@code piece} (20 bytes)
     * @throws IllegalStateException for a v2-only torrent
     */
    public byte[] pieceHash(int piece) {
        if (pieces == null) {
            throw new IllegalStateException("a v2-only torrent has no v1 piece hashes");
        }
        tree.pieceSize(piece); // bounds check
        byte[] out = new byte[InfoHash.V1_LENGTH];
        ByteBuffer b = pieces.buffer();
        b.position(piece * InfoHash.V1_LENGTH).get(out);
        return out;
    }

    /**
     * @return whether every file longer than one piece has its v2 piece layer (always true for
     *         a parsed .torrent; false for v2 metadata from a magnet link until
     *         {@link #withPieceLayers(Map)}); false for v1 torrents
     */
    public boolean hasPieceLayers() {
        if (!version.hasV2()) {
            return false;
        }
        for (TorrentFile f : tree.files()) {
            if (PieceLayers.needsLayer(f, pieceLength()) && layers[f.index()] == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The v2 hashes of a file's pieces, 32 bytes each, in order: its {@code piece layers}
     * entry, or its {@code pieces root} alone for a non-empty file no longer than one piece.
     *
     * @return a read-only view of the hashes, or empty for a pad or empty file, a v1 torrent,
     *         or a layer not known yet
     */
    public Optional<ByteBuffer> pieceLayer(int fileIndex) {
        TorrentFile f = tree.files().get(fileIndex);
        if (layers[fileIndex] != null) {
            return Optional.of(layers[fileIndex].buffer());
        }
        if (f.rootOrNull() != null && f.length() <= pieceLength()) {
            return Optional.of(ByteBuffer.wrap(f.rootOrNull()).asReadOnlyBuffer());
        }
        return Optional.empty();
    }

    /**
     * @return a copy of the v2 hash of {@code piece} (32 bytes): the root of the merkle
     *         subtree over the piece's blocks of its file
     * @throws IllegalStateException for a v1 torrent, or if the file's piece layer is unknown
     */
    public byte[] v2PieceHash(int piece) {
        TorrentFile f = v2File(piece);
        ByteBuffer layer = pieceLayer(f.index()).orElseThrow(() -> new IllegalStateException(
                "no piece layer yet for file " + f.index()));
        int local = (int) ((tree.pieceOffset(piece) - f.offset()) / pieceLength());
        byte[] out = new byte[Merkle.HASH_SIZE];
        layer.position(local * Merkle.HASH_SIZE).get(out);
        return out;
    }

    /**
     * Computes the v2 hash of {@code piece} from its data.
     *
     * @param data the piece's bytes in the piece space (its remaining bytes; position
     *             unchanged): at least the part that belongs to the piece's file, pad bytes after it
     *             are ignored
     * @throws IllegalStateException for a v1 torrent
     */
    public byte[] hashV2Piece(int piece, ByteBuffer data) {
        TorrentFile f = v2File(piece);
        long start = tree.pieceOffset(piece);
        int inFile = (int) Math.min(tree.pieceSize(piece), f.endOffset() - start);
        if (data.remaining() < inFile) {
            throw new IllegalArgumentException("piece " + piece + ": " + data.remaining() + " bytes (expected: >= "
                    + inFile + ")");
        }
        ByteBuffer d = data.duplicate();
        d.limit(d.position() + inFile);
        return Merkle.blockRoot(d, Merkle.pieceLeafCount(f.length(), pieceLength()));
    }

    /**
     * Checks a whole piece against every hash the torrent has for it: SHA-1 for v1, the
     * merkle hash for v2, both for a hybrid.
     *
     * @param data exactly {@link #pieceSize(int)} bytes, pad bytes as zeros (remaining bytes;
     *             position unchanged)
     * @return whether the data matches
     * @throws IllegalStateException for a v2-only torrent whose piece layer is not known yet
     */
    public boolean verifyPiece(int piece, ByteBuffer data) {
        if (data.remaining() != tree.pieceSize(piece)) {
            return false;
        }
        if (version.hasV1()) {
            MessageDigest sha1;
            try {
                sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is part of every JDK", e);
            }
            sha1.update(data.duplicate());
            if (!MessageDigest.isEqual(sha1.digest(), pieceHash(piece))) {
                return false;
            }
            if (!version.hasV2() || pieceLayer(v2File(piece).index()).isEmpty()) {
                return true;
            }
        }
        return MessageDigest.isEqual(hashV2Piece(piece, data), v2PieceHash(piece));
    }

    /** The file that v2 piece {@code piece} belongs to (files start on piece boundaries). */
    private TorrentFile v2File(int piece) {
        if (!version.hasV2()) {
            throw new IllegalStateException("a v1 torrent has no v2 hashes");
        }
        return tree.files().get(tree.fileIndexAt(tree.pieceOffset(piece)));
    }

    /**
     * Adds v2 piece layers received from peers (BEP 52 hash requests) to a torrent built by
     * {@link #fromInfo}: each is checked against its file's {@code pieces root}, and the
     * returned torrent's {@link #bytes()} hold them under {@code piece layers}.
     *
     * @param layersByFile per file index, its piece hashes (32 bytes each) back to back
     * @throws MetainfoException {@link MetainfoError#INVALID_PIECE_LAYER} if one does not fit its file
     */
    public Torrent withPieceLayers(Map<Integer, byte[]> layersByFile) {
        if (!version.hasV2()) {
            throw new IllegalStateException("a v1 torrent has no piece layers");
        }
        dev.torrpedo.bencode.BDictionary.Builder b = dev.torrpedo.bencode.BDictionary.builder();
        for (TorrentFile f : tree.files()) {
            if (layers[f.index()] != null) {
                b.put(f.rootOrNull(), layers[f.index()]);
            }
        }
        for (Map.Entry<Integer, byte[]> e : layersByFile.entrySet()) {
            TorrentFile f = tree.files().get(e.getKey());
            if (!PieceLayers.needsLayer(f, pieceLength())) {
                throw new MetainfoException(MetainfoError.INVALID_PIECE_LAYER, PieceLayers.FIELD,
                        "file " + f.index() + " needs no piece layer");
            }
            b.put(f.rootOrNull(), BString.of(e.getValue()));
        }
        byte[] out = OuterDictionary.of(root).put(PieceLayers.FIELD, b.build()).toBytes();
        return TorrentParser.parse(out, TorrentLimits.METADATA.withMaxSize(Math.max(out.length,
                TorrentLimits.METADATA.maxSize())), false);
    }

    /** @return whether the torrent is private (BEP 27): no DHT, no peer exchange, no local discovery */
    public boolean isPrivate() {
        return isPrivate;
    }

    /** @return tracker URLs in tiers (BEP 12), or the one {@code announce} URL as a tier; may be empty */
    public List<List<String>> trackers() {
        return trackers;
    }

    /** @return web seed URLs (BEP 19 {@code url-list}) */
    public List<String> webSeeds() {
        return webSeeds;
    }

    /** @return the comment, if any */
    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /** @return the {@code created by} string, if any */
    public Optional<String> createdBy() {
        return Optional.ofNullable(createdBy);
    }

    /** @return the creation date, if any */
    public Optional<Instant> creationDate() {
        return Optional.ofNullable(creationDate);
    }

    /** @return a copy of the info dictionary's bytes, exactly as received: what ut_metadata serves (BEP 9) */
    public byte[] rawInfo() {
        return info.rawBytes();
    }

    /** @return a read-only view of {@link #rawInfo()}, without copying */
    public ByteBuffer infoBuffer() {
        return info.raw();
    }

    /** @return a copy of the whole .torrent, exactly as received (or as assembled by {@link #fromInfo}) */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** @return the top-level dictionary, for keys this class does not model */
    public BDictionary dictionary() {
        return root;
    }

    /** @return the info dictionary, for keys this class does not model */
    public BDictionary info() {
        return info;
    }

    /** Two torrents are equal when their bytes are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Torrent t && Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Torrent[" + name + ", " + version + ", " + infoHash + ", " + tree.files().size() + " files, "
                + totalSize() + " bytes, " + pieceCount() + " x " + pieceLength() + (isPrivate ? ", private" : "")
                + "]";
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
