package dev.torrpedo.engine;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Something that happened in a session, delivered to subscribers ({@link Session#subscribe})
 * on their executor, in order, never on an I/O thread. Every event names its torrent and
 * carries the session revision at which it happened (see {@link Session#changesSince}).
 * Dispatch with a {@code switch} on {@link #type()}.
 */
public sealed interface Event {

    /** The kinds of event. */
    enum Type {
        /** {@link TorrentAdded}. */
        TORRENT_ADDED,
        /** {@link MetadataReceived}. */
        METADATA_RECEIVED,
        /** {@link StateChanged}. */
        STATE_CHANGED,
        /** {@link PieceVerified}. */
        PIECE_VERIFIED,
        /** {@link TorrentCompleted}. */
        TORRENT_COMPLETED,
        /** {@link TorrentError}. */
        TORRENT_ERROR,
        /** {@link TorrentRemoved}. */
        TORRENT_REMOVED,
        /** {@link PeerBanned}. */
        PEER_BANNED,
        /** {@link TrackerError}. */
        TRACKER_ERROR
    }

    /** @return the kind of event */
    Type type();

    /** @return the torrent's id ({@code InfoHash.id()}) */
    String torrentId();

    /** @return the session revision at which it happened */
    long revision();

    /**
     * A torrent was added to the session.
     *
     * @param torrentId the torrent
     * @param revision  the session revision
     * @param name      its name
     */
    record TorrentAdded(String torrentId, long revision, String name) implements Event {
        /** Rejects nulls. */
        public TorrentAdded {
            Objects.requireNonNull(torrentId, "torrentId");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Type type() {
            return Type.TORRENT_ADDED;
        }
    }

    /**
     * A magnet link's info dictionary arrived and was verified.
     *
     * @param torrentId the torrent
     * @param revision  the session revision
     * @param name      its name, from the metadata
     */
    record MetadataReceived(String torrentId, long revision, String name) implements Event {
        /** Rejects nulls. */
        public MetadataReceived {
            Objects.requireNonNull(torrentId, "torrentId");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Type type() {
            return Type.METADATA_RECEIVED;
        }
    }

    /**
     * A torrent went from one state to another.
     *
     * @param torrentId the torrent
     * @param revision  the session revision
     * @param from      the old state
     * @param to        the new state
     */
    record StateChanged(String torrentId, long revision, TorrentState from, TorrentState to) implements Event {
        /** Rejects nulls. */
        public StateChanged {
            Objects.requireNonNull(torrentId, "torrentId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public Type type() {
            return Type.STATE_CHANGED;
        }
    }

    /**
     * A downloaded piece passed its hash check (it is now announced to peers).
     *
     * @param torrentId the torrent
     * @param revision  the session revision
     * @param piece     the piece index
     */
    record PieceVerified(String torrentId, long revision, int piece) implements Event {
        /** Rejects nulls. */
        public PieceVerified {
            Objects.requireNonNull(torrentId, "torrentId");
        }

        @Override
        public Type type() {
            return Type.PIECE_VERIFIED;
        }
    }

    /**
     * Every wanted piece of a torrent is verified.
     *
     * @param torrentId the torrent
     * @param revision  the session revision
     */
    record TorrentCompleted(String torrentId, long revision) implements Event {
        /** Rejects nulls. */
        public TorrentCompleted {
            Objects.requireNonNull(torrentId, "torrentId");
        }

        @Override
        public Type type() {
            return Type.TORRENT_COMPLETED;
        }
    }

    /**
     * A torrent stopped on an error (a disk error, a file that went missing).
     *
     * @param torrentId the torrent
     * @param revision  the session revision
     * @param message   what went wrong
     */
    record TorrentError(String torrentId, long revision, String message) implements Event {
        /** Rejects nulls. */
        public TorrentError {
            Objects.requireNonNull(torrentId, "torrentId");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Type type() {
            return Type.TORRENT_ERROR;
        }
    }

    /**
     * A torrent was removed from the session.
     *
     * @param torrentId the torrent
     * @param revision  the session revision
     */
    record TorrentRemoved(String torrentId, long revision) implements Event {
        /** Rejects nulls. */
        public TorrentRemoved {
            Objects.requireNonNull(torrentId, "torrentId");
        }

        @Override
        public Type type() {
            return Type.TORRENT_REMOVED;
        }
    }

    /**
     * A peer was banned: it sent data that failed the hash check, or broke the protocol
     * badly. Its connections are closed and it is not connected to again this session.
     *
     * @param torrentId the torrent it sent bad data for
     * @param revision  the session revision
     * @param address   its address
     * @param reason    why
     */
    record PeerBanned(String torrentId, long revision, InetSocketAddress address, String reason) implements Event {
        /** Rejects nulls. */
        public PeerBanned {
            Objects.requireNonNull(torrentId, "torrentId");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Type type() {
            return Type.PEER_BANNED;
        }
    }

    /**
     * An announce to a tracker failed (the torrent goes on with its other trackers and peers).
     *
     * @param torrentId the torrent
     * @param revision  the session revision
     * @param url       the tracker
     * @param message   what went wrong
     */
    record TrackerError(String torrentId, long revision, String url, String message) implements Event {
        /** Rejects nulls. */
        public TrackerError {
            Objects.requireNonNull(torrentId, "torrentId");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public Type type() {
            return Type.TRACKER_ERROR;
        }
    }
}
