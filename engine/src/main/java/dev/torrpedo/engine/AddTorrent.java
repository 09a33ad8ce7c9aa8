package dev.torrpedo.engine;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What to add to a session ({@link Session#add}): a torrent from a {@code .torrent} file,
 * its bytes, or a magnet link, and how to start it. Immutable; the {@code with} methods
 * return a copy.
 *
 * <pre>{@code
 * session.add(AddTorrent.file(path).withSavePath(dir).withPaused(true)).join();
 * }</pre>
 *
 * @param source         where the torrent comes from
 * @param location       the file path, or the magnet URI; {@code null} for {@link Source#BYTES}
 * @param bytes          the {@code .torrent} bytes for {@link Source#BYTES}, else {@code null} (owned by the record)
 * @param savePath       where its files go; {@code null} = the session's download directory
 * @param paused         whether it starts paused (checked, but not connecting or announcing)
 * @param sequential     whether pieces are downloaded in order (for streaming)
 * @param filePriorities one per file, 0 (skip) .. 7; empty = every file at 4
 * @param peers          peers to connect to besides those the trackers give
 * @param limits         the torrent's own limits
 */
public record AddTorrent(Source source, String location, byte[] bytes, Path savePath, boolean paused,
                         boolean sequential, int[] filePriorities, List<InetSocketAddress> peers,
                         TorrentLimits limits) {

    /** Where a torrent comes from. */
    public enum Source {
        /** A {@code .torrent} file on disk. */
        FILE,
        /** The bytes of a {@code .torrent} file. */
        BYTES,
        /** A magnet link (BEP 9): the info dictionary is fetched from peers. */
        MAGNET
    }

    /** Checks the values and copies the arrays. */
    public AddTorrent {
        Objects.requireNonNull(source, "source");
        if (source == Source.BYTES) {
            Objects.requireNonNull(bytes, "bytes");
            bytes = bytes.clone();
        } else {
            Objects.requireNonNull(location, "location");
            bytes = null;
        }
        filePriorities = filePriorities == null ? new int[0] : filePriorities.clone();
        for (int p : filePriorities) {
            if (p < 0 || p > 7) {
                throw new IllegalArgumentException("file priority: " + p + " (expected: 0..7)");
            }
        }
        peers = List.copyOf(peers == null ? List.of() : peers);
        limits = limits == null ? TorrentLimits.NONE : limits;
    }

    /** @return a torrent read from the {@code .torrent} file at {@code path} */
    public static AddTorrent file(Path path) {
        return new AddTorrent(Source.FILE, path.toString(), null, null, false, false, null, null, null);
    }

    /** @return a torrent from the bytes of a {@code .torrent} file */
    public static AddTorrent bytes(byte[] torrent) {
        return new AddTorrent(Source.BYTES, null, torrent, null, false, false, null, null, null);
    }

    /**
     * A torrent from a magnet link (BEP 9): {@code magnet:?xt=urn:btih:<hash>} with, optionally,
     * {@code dn} (a name), {@code tr} (trackers), {@code x.pe} (peers, {@code host:port}),
     * {@code ws} (web seeds) and {@code so} (the files to download, BEP 53). Added, it is in
     * state {@link TorrentState#FETCHING_METADATA}: it finds peers through the link's trackers
     * and peers, the DHT, local service discovery and peer exchange, fetches the info
     * dictionary from those that have it (several at once), checks it against the info-hash,
     * publishes {@link Event.MetadataReceived}, and goes on as any torrent. File priorities
     * given with {@link #withFilePriorities} apply once the metadata says how many files
     * there are (a count that does not match is ignored, with a warning).
     *
     * @param uri the magnet link; adding fails with {@link IllegalArgumentException} if it is malformed
     * @return the torrent to add
     */
    public static AddTorrent magnet(String uri) {
        return new AddTorrent(Source.MAGNET, uri, null, null, false, false, null, null, null);
    }

    /** @return a copy of the {@code .torrent} bytes, or {@code null} */
    @Override
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    /** @return a copy of the file priorities */
    @Override
    public int[] filePriorities() {
        return filePriorities.clone();
    }

    /** @return a copy saving under {@code dir} */
    public AddTorrent withSavePath(Path dir) {
        return new AddTorrent(source, location, bytes, dir, paused, sequential, filePriorities, peers, limits);
    }

    /** @return a copy that starts paused, or not */
    public AddTorrent withPaused(boolean on) {
        return new AddTorrent(source, location, bytes, savePath, on, sequential, filePriorities, peers, limits);
    }

    /** @return a copy that downloads in order, or not */
    public AddTorrent withSequential(boolean on) {
        return new AddTorrent(source, location, bytes, savePath, paused, on, filePriorities, peers, limits);
    }

    /** @return a copy with these file priorities (0 skip, 1..7) */
    public AddTorrent withFilePriorities(int... priorities) {
        return new AddTorrent(source, location, bytes, savePath, paused, sequential, priorities, peers, limits);
    }

    /** @return a copy that also connects to these peers */
    public AddTorrent withPeers(InetSocketAddress... addresses) {
        return new AddTorrent(source, location, bytes, savePath, paused, sequential, filePriorities, List.of(addresses),
                limits);
    }

    /** @return a copy with these limits */
    public AddTorrent withLimits(TorrentLimits torrentLimits) {
        return new AddTorrent(source, location, bytes, savePath, paused, sequential, filePriorities, peers,
                torrentLimits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddTorrent a && source == a.source && Objects.equals(location, a.location)
                && Arrays.equals(bytes, a.bytes) && Objects.equals(savePath, a.savePath) && paused == a.paused
                && sequential == a.sequential && Arrays.equals(filePriorities, a.filePriorities)
                && peers.equals(a.peers) && limits.equals(a.limits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, location, Arrays.hashCode(bytes), savePath, paused, sequential,
                Arrays.hashCode(filePriorities), peers, limits);
    }

    @Override
    public String toString() {
        return "AddTorrent[" + source + (location == null ? " " + bytes.length + " bytes" : " " + location)
                + (savePath == null ? "" : ", savePath=" + savePath) + (paused ? ", paused" : "")
                + (sequential ? ", sequential" : "") + "]";
    }
}
