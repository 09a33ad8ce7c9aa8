/**
 * What a torrent is, and how to make one.
 *
 * <ul>
 * <li>{@link dev.torrpedo.metainfo.Torrent}: a parsed, validated .torrent (v1, v2 or hybrid;
 *     BEP 3, 12, 19, 27, 47, 52), or one built from metadata fetched for a magnet link.
 *     Raw bytes are kept: the info hash is over the info dictionary as received.</li>
 * <li>{@link dev.torrpedo.metainfo.FileTree}: its files laid end to end in one piece space,
 *     with the piece-to-file mapping; {@link dev.torrpedo.metainfo.TorrentFile},
 *     {@link dev.torrpedo.metainfo.FileSlice}, {@link dev.torrpedo.metainfo.PieceRange}.</li>
 * <li>{@link dev.torrpedo.metainfo.SafePaths}: path sanitising and resolution that never
 *     leaves the download root.</li>
 * <li>{@link dev.torrpedo.metainfo.MagnetLink}: magnet links (BEP 9, 53), parsed and
 *     formatted.</li>
 * <li>{@link dev.torrpedo.metainfo.TorrentCreator}: new torrents from files, hashed on
 *     several cores.</li>
 * <li>{@link dev.torrpedo.metainfo.InfoHash}, {@link dev.torrpedo.metainfo.PeerId}: the
 *     identities; {@link dev.torrpedo.metainfo.Merkle}: BEP 52 merkle trees.</li>
 * <li>{@link dev.torrpedo.metainfo.MetainfoException} with a
 *     {@link dev.torrpedo.metainfo.MetainfoError} and the failing field for anything
 *     unusable; {@link dev.torrpedo.metainfo.TorrentLimits} for the limits.</li>
 * </ul>
 *
 * Everything here is pure and thread-safe except {@code TorrentCreator.create()}, which reads
 * files and uses threads.
 */
package dev.torrpedo.metainfo;
