package dev.torrpedo.engine;

/**
 * A snapshot of one file of a torrent ({@link TorrentHandle#files()}).
 *
 * @param index          its index in the torrent
 * @param path           its path relative to the save path, '/'-separated, as written to disk
 * @param size           its length in bytes
 * @param completedBytes its bytes in verified pieces
 * @param priority       0 (skipped) .. 7
 * @param pad            whether it is a pad file (never written)
 */
public record FileStatus(int index, String path, long size, long completedBytes, int priority, boolean pad) {
}
