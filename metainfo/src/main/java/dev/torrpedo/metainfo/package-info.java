/**
 * What a torrent is: its identity ({@link dev.torrpedo.metainfo.InfoHash}), the peers'
 * identity ({@link dev.torrpedo.metainfo.PeerId}), and (as the metainfo issue lands) the
 * parsed .torrent model, magnet links, safe paths and torrent creation.
 */
package dev.torrpedo.metainfo;
