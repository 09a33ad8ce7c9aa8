/** Torrent identity and description: .torrent files, magnet links, info hashes, peer ids. */
module dev.torrpedo.metainfo {
    requires transitive dev.torrpedo.bencode;

    exports dev.torrpedo.metainfo;
}
