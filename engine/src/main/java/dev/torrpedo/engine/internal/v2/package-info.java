/**
 * BitTorrent v2 (BEP 52) beyond what storage verifies: answering peers' hash requests from
 * our piece layers with their proof hashes ({@link dev.torrpedo.engine.internal.v2.HashTrees}),
 * and fetching the piece layers a torrent lacks (metadata from a magnet link) from peers,
 * each answer checked against its file's {@code pieces root}
 * ({@link dev.torrpedo.engine.internal.v2.LayerFetch}).
 */
package dev.torrpedo.engine.internal.v2;
