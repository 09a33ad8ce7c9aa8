package dev.torrpedo.metainfo;

/** What went wrong in a {@link MetainfoException}. */
public enum MetainfoError {
    /** The bytes are not valid bencode, or breach the decoder's size, depth or token limits. */
    MALFORMED_BENCODE,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has another bencode type than the one the format requires. */
    WRONG_TYPE,
    /** A field has a value the format does not allow (a negative length, a bad piece length, ...). */
    INVALID_VALUE,
    /** A value breaches one of the {@link TorrentLimits} (or a magnet link limit). */
    LIMIT_EXCEEDED,
    /** File sizes add up past what a 64-bit offset can hold. */
    SIZE_OVERFLOW,
    /** The v1 {@code pieces} string does not hold one 20-byte hash per piece of the total size. */
    PIECES_MISMATCH,
    /** The {@code meta version} is newer than this implementation understands. */
    UNSUPPORTED_VERSION,
    /** A v2 file larger than one piece has no entry in {@code piece layers}. */
    MISSING_PIECE_LAYER,
    /** A {@code piece layers} entry has the wrong length, an unknown key, or does not hash to its file's root. */
    INVALID_PIECE_LAYER,
    /** The v1 and v2 views of a hybrid torrent describe different files. */
    INCONSISTENT_HYBRID,
    /** Metadata does not hash to the info hash it was expected to have. */
    INFO_HASH_MISMATCH,
    /** A file path would resolve outside the download root. */
    UNSAFE_PATH,
    /** A magnet link is malformed. */
    INVALID_MAGNET
}
