package dev.torrpedo.engine;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A snapshot of one torrent ({@link TorrentHandle#status()}). Sizes in bytes, rates in
 * bytes/s. "Wanted" means the pieces of files whose priority is not 0.
 *
 * @param id              the torrent's id ({@code InfoHash.id()}: the v1 hash in hex, else the v2 hash)
 * @param name            its name
 * @param state           what it is doing
 * @param progress        0..1: verified wanted bytes over wanted bytes
 * @param totalSize       every byte of the torrent (pad files included)
 * @param wantedSize      bytes of the wanted pieces
 * @param completedBytes  bytes of the wanted pieces verified so far
 * @param downloadedBytes payload bytes received since it was added to this session (duplicates and failed pieces included)
 * @param uploadedBytes   payload bytes sent since it was added to this session
 * @param downloadRate    payload bytes/s received, over the last seconds
 * @param uploadRate      payload bytes/s sent, over the last seconds
 * @param peers           connected peers (handshake done)
 * @param seeds           connected peers that have every piece
 * @param etaSeconds      seconds until complete at the current rate, -1 if unknown, 0 if complete
 * @param ratio           uploaded over downloaded (uploaded over total size when nothing was downloaded)
 * @param error           why it stopped, when {@link TorrentState#ERROR}, else {@code null}
 * @param savePath        where its files are
 * @param addedAt         when it was added
 * @param completedAt     when it completed, or {@code null}
 * @param piecesDone      verified pieces
 * @param pieceCount      pieces in the torrent
 * @param sequential      whether pieces are downloaded in order
 * @param revision        the session revision of this torrent's last change (see {@link Session#changesSince})
 */
public record TorrentStatus(String id, String name, TorrentState state, double progress, long totalSize,
                            long wantedSize, long completedBytes, long downloadedBytes, long uploadedBytes,
                            long downloadRate, long uploadRate, int peers, int seeds, long etaSeconds, double ratio,
                            String error, Path savePath, Instant addedAt, Instant completedAt, int piecesDone,
                            int pieceCount, boolean sequential, long revision) {

    /** @return whether every wanted piece is verified */
    public boolean isComplete() {
        return completedBytes == wantedSize;
    }
}
