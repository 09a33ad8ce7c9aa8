package dev.torrpedo.bencode;

/** How strictly the decoder holds input to the canonical encoding. */
public enum BencodeMode {
    /**
     * Only canonical bencode: no leading zeros, no {@code i-0e}, dictionary keys strictly
     * ascending. Use for anything that is hashed or signed after re-encoding.
     */
    STRICT,
    /**
     * Also accepts what real .torrent files and clients produce: unsorted dictionary keys,
     * leading zeros and {@code i-0e}. Duplicate keys, trailing data and overflow are still
     * errors.
     */
    LENIENT
}
