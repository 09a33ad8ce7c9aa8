package dev.torrpedo.storage.internal;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * What a resume file holds: a hint, never trusted before it is checked against the files.
 *
 * @param infoHash    the torrent's info hash ({@code InfoHash.id()})
 * @param pieceLength the torrent's piece length
 * @param pieceCount  the torrent's piece count
 * @param verified    pieces that were verified and forced to disk when it was written
 * @param files       per torrent file, then the part file: size and mtime when it was written
 * @param unfinished  per unfinished piece, its 16 KiB blocks forced to disk
 */
record ResumeData(String infoHash, int pieceLength, int pieceCount, BitSet verified, List<FileStamp> files,
        Map<Integer, BitSet> unfinished) {
}
