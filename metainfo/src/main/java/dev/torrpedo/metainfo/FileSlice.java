package dev.torrpedo.metainfo;

/**
 * A run of bytes inside one file: what a range of the piece space maps to.
 *
 * @param fileIndex  the file's index in {@link Torrent#files()}
 * @param fileOffset the offset of the run inside the file
 * @param length     the number of bytes (> 0)
 * @param pad        whether the file is a pad file: nothing to read or write, the bytes are zeros
 */
public record FileSlice(int fileIndex, long fileOffset, long length, boolean pad) {
}
