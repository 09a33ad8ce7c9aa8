package dev.torrpedo.engine;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.Torrent;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One torrent of a {@link Session}. Thread-safe and non-blocking: getters return immutable
 * snapshots, commands take effect asynchronously (their effects show in {@link #status()}
 * and in {@link Event}s), and longer operations return futures that complete off the I/O
 * threads' critical path. A handle of a removed torrent answers its getters with the last
 * state and ignores commands.
 */
public interface TorrentHandle {

    /** @return the torrent's info-hash */
    InfoHash infoHash();

    /** @return its id: {@code infoHash().id()}, the v1 hash in hex (else the v2 hash) */
    String id();

    /** @return its name */
    String name();

    /**
     * @return the parsed {@code .torrent}, once known (a magnet link's only after its metadata
     *         arrived: see {@link Event.MetadataReceived})
     */
    Optional<Torrent> metainfo();

    /**
     * The torrent as {@code .torrent} file bytes, to save and add later without asking peers
     * for the metadata ({@code Files.write(path, handle.torrentFile().orElseThrow())}). For a
     * magnet link, the info dictionary fetched from peers, exactly as verified, with the
     * link's trackers (one tier each) and web seeds; for a torrent added from a file or bytes,
     * those bytes. The session also keeps a magnet link's metadata in its resume directory
     * ({@code <info-hash id>.torrent}), so adding the link again finds it there.
     *
     * @return the bytes (a copy), once the metadata is known
     */
    default Optional<byte[]> torrentFile() {
        return metainfo().map(Torrent::bytes);
    }

    /** @return a snapshot of its state and counters */
    TorrentStatus status();

    /** @return a snapshot of each file, in torrent order */
    List<FileStatus> files();

    /** @return a snapshot of each connected peer */
    List<PeerInfo> peers();

    /** @return a snapshot of each tracker, by tier */
    List<TrackerStatus> trackers();

    /** Stops it: closes its connections, announces {@code stopped}, saves resume data. */
    void pause();

    /** Starts it again after {@link #pause()} or an error. */
    void resume();

    /**
     * Hashes every piece on disk again, ignoring resume data, and goes on from what it finds.
     *
     * @return completes when the check is done
     */
    CompletableFuture<Void> recheck();

    /**
     * Moves its files under {@code newSavePath} (a directory) and uses them there.
     *
     * @return completes when every file has moved; fails (and leaves the files where they
     *         were, where possible) on a disk error
     */
    CompletableFuture<Void> move(Path newSavePath);

    /**
     * Removes it from the session: closes its connections, announces {@code stopped}, and
     * deletes its files and resume data if {@code deleteData} (else saves resume data).
     *
     * @return completes once it is removed; {@link #completion()} then fails
     */
    CompletableFuture<Void> remove(boolean deleteData);

    /**
     * Sets each file's priority: 0 skips it, 1..7 downloads it, higher first.
     *
     * @param priorities one per file
     * @throws IllegalArgumentException if there is not one per file, or one is out of range
     */
    void setFilePriorities(int... priorities);

    /** Downloads pieces in order (for streaming), or rarest first. */
    void setSequential(boolean on);

    /** Replaces its own limits. */
    void setLimits(TorrentLimits limits);

    /** @return its own limits */
    TorrentLimits limits();

    /** Connects to this peer (unless banned, connected already, or over the connection limits). */
    void addPeer(InetSocketAddress address);

    /** Announces to its trackers now (as soon as their {@code min interval} allows). */
    void reannounce();

    /**
     * Writes its resume data now (it is also written periodically and on close).
     *
     * @return completes when the data is on disk
     */
    CompletableFuture<Void> saveResumeData();

    /**
     * @return completes with this handle once every wanted piece is verified (at once if
     *         already); fails if the torrent is removed or stops on an error first. The same
     *         future is returned until it completes, so polling it costs nothing; do not
     *         complete it yourself (other callers would see it). After it completed, a
     *         torrent that wants more again (new file priorities, a recheck that found damage)
     *         hands out a new one.
     */
    CompletableFuture<TorrentHandle> completion();

    /**
     * Turns super-seeding (BEP 16) on or off: while the torrent seeds, each new peer is shown
     * one piece at a time, a different one for each peer where possible, so a new torrent's
     * first copies spread. Connections made before keep what they were shown.
     *
     * @throws UnsupportedOperationException if this handle cannot super-seed
     * @throws IllegalStateException          before a magnet link's metadata is known
     */
    default void setSuperSeeding(boolean on) {
        throw new UnsupportedOperationException("super-seeding");
    }

    /** @return whether super-seeding is on (it applies while the torrent seeds) */
    default boolean superSeeding() {
        return false;
    }

    /** @return the torrent's web seeds (BEP 19) and what each is doing; empty if it has none */
    default List<WebSeedStatus> webSeeds() {
        return List.of();
    }

    /**
     * Adds a web seed (BEP 19, GetRight style: the URL of the file, or of a directory holding
     * the torrent's name). Local addresses are used only with {@link Settings#allowLocalTrackers()}.
     *
     * @throws IllegalArgumentException if it is not an absolute http(s) URL
     * @throws UnsupportedOperationException if this handle cannot take web seeds
     */
    default void addWebSeed(String url) {
        throw new UnsupportedOperationException("web seeds");
    }
}
