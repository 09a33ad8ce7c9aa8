package dev.torrpedo.engine;

import java.util.Objects;

/**
 * What {@link Session#addTorrent} did.
 *
 * @param handle    the torrent's handle (the existing one for a duplicate)
 * @param duplicate whether the session already had this torrent (nothing was changed)
 */
public record AddResult(TorrentHandle handle, boolean duplicate) {
    /** Rejects a null handle. */
    public AddResult {
        Objects.requireNonNull(handle, "handle");
    }
}
