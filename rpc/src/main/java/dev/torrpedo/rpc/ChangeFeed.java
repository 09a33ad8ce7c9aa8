package dev.torrpedo.rpc;

/**
 * Where {@code sync.get} and {@code torrent.progress} read the state of the session: the
 * engine's revision-numbered change log, with each torrent's status converted to a map of
 * JSON values (the field names of {@code rpc/README.md}).
 *
 * <p>Called from the bridge's own scheduler thread, never from an I/O thread; must be
 * thread-safe and must not block for long.
 */
@FunctionalInterface
public interface ChangeFeed {

    /**
     * What changed after a revision.
     *
     * @param revision a revision this feed returned before, or 0 for everything
     * @return the current revision, the status of every torrent changed after
     *     {@code revision} (all of them for 0), the ids removed after it, and the session stats
     */
    StatusChanges changesSince(long revision);
}
