/**
 * Torrent identity and description: .torrent files (v1, v2, hybrid) parsed and created,
 * magnet links, info hashes, peer ids, the piece-to-file mapping and safe paths.
 */
module dev.torrpedo.metainfo {
    requires transitive dev.torrpedo.bencode;

    exports dev.torrpedo.metainfo;
}
