package dev.torrpedo.tracker;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import java.util.Objects;
import java.util.Optional;

/**
 * What we tell a tracker in an announce (BEP 3 parameters; BEP 15 carries the same fields).
 *
 * @param infoHash   the torrent (its 20-byte wire form is sent)
 * @param peerId     our peer id
 * @param port       the TCP port we accept peers on, 1..65535 (0 is allowed with {@link AnnounceEvent#STOPPED})
 * @param uploaded   payload bytes uploaded since the {@link AnnounceEvent#STARTED} announce
 * @param downloaded payload bytes downloaded since then
 * @param left       bytes still missing; 0 for a seed
 * @param event      the event, {@link AnnounceEvent#NONE} for a regular re-announce
 * @param numWant    how many peers we want, or -1 to let the tracker choose
 * @param key        a random number that stays the same for the session, so a tracker can
 *                   recognise us when our address changes
 * @param trackerId  the {@code tracker id} the tracker gave us last time, if any (filled in
 *                   by {@link TorrentTrackers})
 */
public record AnnounceRequest(InfoHash infoHash, PeerId peerId, int port, long uploaded, long downloaded, long left,
                              AnnounceEvent event, int numWant, int key, Optional<String> trackerId) {

    /** Checks the fields. */
    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(trackerId, "trackerId");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("uploaded/downloaded/left must be >= 0: "
                    + uploaded + "/" + downloaded + "/" + left);
        }
        if (numWant < -1) {
            throw new IllegalArgumentException("numWant: " + numWant + " (expected: >= -1)");
        }
    }

    /** @return a builder for an announce of {@code infoHash} by {@code peerId} listening on {@code port} */
    public static Builder builder(InfoHash infoHash, PeerId peerId, int port) {
        return new Builder(infoHash, peerId, port);
    }

    /** @return this request with another event */
    public AnnounceRequest withEvent(AnnounceEvent newEvent) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, newEvent, numWant, key, trackerId);
    }

    /** @return this request with another tracker id ({@code null} for none) */
    public AnnounceRequest withTrackerId(String id) {
        return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, event, numWant, key,
                Optional.ofNullable(id));
    }

    /** @return this request with new transfer counters */
    public AnnounceRequest withCounters(long newUploaded, long newDownloaded, long newLeft) {
        return new AnnounceRequest(infoHash, peerId, port, newUploaded, newDownloaded, newLeft, event, numWant, key,
                trackerId);
    }

    /** Builds an {@link AnnounceRequest}; counters start at 0, event NONE, numWant -1, key 0. */
    public static final class Builder {
        private final InfoHash infoHash;
        private final PeerId peerId;
        private final int port;
        private long uploaded;
        private long downloaded;
        private long left;
        private AnnounceEvent event = AnnounceEvent.NONE;
        private int numWant = -1;
        private int key;
        private String trackerId;

        private Builder(InfoHash infoHash, PeerId peerId, int port) {
            this.infoHash = infoHash;
            this.peerId = peerId;
            this.port = port;
        }

        /** @return this builder, with the bytes uploaded */
        public Builder uploaded(long bytes) {
            this.uploaded = bytes;
            return this;
        }

        /** @return this builder, with the bytes downloaded */
        public Builder downloaded(long bytes) {
            this.downloaded = bytes;
            return this;
        }

        /** @return this builder, with the bytes left */
        public Builder left(long bytes) {
            this.left = bytes;
            return this;
        }

        /** @return this builder, with the event */
        public Builder event(AnnounceEvent value) {
            this.event = value;
            return this;
        }

        /** @return this builder, asking for {@code count} peers (-1: the tracker's default) */
        public Builder numWant(int count) {
            this.numWant = count;
            return this;
        }

        /** @return this builder, with the session key */
        public Builder key(int value) {
            this.key = value;
            return this;
        }

        /** @return this builder, with a tracker id ({@code null} for none) */
        public Builder trackerId(String id) {
            this.trackerId = id;
            return this;
        }

        /** @return the request */
        public AnnounceRequest build() {
            return new AnnounceRequest(infoHash, peerId, port, uploaded, downloaded, left, event, numWant, key,
                    Optional.ofNullable(trackerId));
        }
    }
}
