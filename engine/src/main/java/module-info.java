/**
 * The engine: sessions, torrents, peer connections, and the pure components they are built
 * from (piece picker, request pipelining, choker, rate limits). Nothing is exported yet: the
 * public API arrives with the session; the components live in {@code internal} packages.
 */
module dev.torrpedo.engine {
    requires dev.torrpedo.metainfo;
}
