package dev.torrpedo.metainfo;

/** Which hash trees a torrent carries. */
public enum TorrentVersion {
    /** BEP 3: SHA-1 piece hashes over the files laid end to end. */
    V1,
    /** BEP 52: a SHA-256 merkle tree per file, each file starting on a piece boundary. */
    V2,
    /** Both, describing the same files (v1 pad files align each file to a piece boundary). */
    HYBRID;

    /** @return whether there are v1 piece hashes */
    public boolean hasV1() {
        return this != V2;
    }

    /** @return whether there are v2 merkle roots */
    public boolean hasV2() {
        return this != V1;
    }
}
