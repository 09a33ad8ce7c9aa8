package dev.torrpedo.tracker.codec;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import java.util.List;
import java.util.Objects;

/**
 * A packet a client sends to a UDP tracker (BEP 15). Every request carries the client's
 * transaction id, which the reply repeats.
 */
public sealed interface UdpRequest permits UdpRequest.Connect, UdpRequest.Announce, UdpRequest.Scrape {

    /** @return the client's transaction id */
    int transactionId();

    /** @return the action, for an exhaustive {@code switch} */
    UdpAction action();

    /**
     * Asks for a connection id.
     *
     * <pre>
     * 0       8        12       16
     * +-------+--------+--------+
     * |magic  |action=0| txn id |   magic = 0x41727101980
     * +-------+--------+--------+
     * </pre>
     *
     * @param transactionId the client's transaction id
     */
    record Connect(int transactionId) implements UdpRequest {
        @Override
        public UdpAction action() {
            return UdpAction.CONNECT;
        }
    }

    /**
     * Announces (98 bytes, then BEP 41 options).
     *
     * <pre>
     * 0      8        12     16        36      56         64   72         80    84 88  92      96   98
     * +------+--------+------+---------+-------+----------+----+----------+-----+--+---+-------+----+--------
     * |conn  |action=1|txn id|info hash|peer id|downloaded|left|uploaded  |event|ip|key|numwant|port|options
     * +------+--------+------+---------+-------+----------+----+----------+-----+--+---+-------+----+--------
     * </pre>
     *
     * @param connectionId  the id from the connect reply
     * @param transactionId the client's transaction id
     * @param infoHash      the torrent; its 20-byte {@link InfoHash#wire()} form is sent, and a
     *                      decoded request holds those 20 bytes as a v1 hash
     * @param peerId        the client's peer id
     * @param downloaded    bytes downloaded
     * @param left          bytes left
     * @param uploaded      bytes uploaded
     * @param event         the event
     * @param ipv4          the IPv4 address to register (0: the sender's)
     * @param key           the client's key
     * @param numWant       peers wanted, -1 for the default
     * @param port          the client's TCP port
     * @param urlData       the path and query of the tracker URL (BEP 41), empty for none; each
     *                      char is one byte (ISO-8859-1)
     */
    record Announce(long connectionId, int transactionId, InfoHash infoHash, PeerId peerId, long downloaded, long left,
                    long uploaded, AnnounceEvent event, int ipv4, int key, int numWant, int port, String urlData)
            implements UdpRequest {
        /** Checks the fields. */
        public Announce {
            Objects.requireNonNull(infoHash, "infoHash");
            Objects.requireNonNull(peerId, "peerId");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(urlData, "urlData");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
            }
            if (urlData.chars().anyMatch(c -> c > 0xff)) {
                throw new IllegalArgumentException("urlData: every char must be one byte");
            }
        }

        @Override
        public UdpAction action() {
            return UdpAction.ANNOUNCE;
        }
    }

    /**
     * Scrapes up to {@link UdpTrackerCodec#MAX_SCRAPE_HASHES} torrents.
     *
     * <pre>
     * 0      8        12     16           36           ...
     * +------+--------+------+------------+------------+---
     * |conn  |action=2|txn id|info hash 1 |info hash 2 |...
     * +------+--------+------+------------+------------+---
     * </pre>
     *
     * @param connectionId  the id from the connect reply
     * @param transactionId the client's transaction id
     * @param infoHashes    the torrents (20-byte wire forms)
     */
    record Scrape(long connectionId, int transactionId, List<InfoHash> infoHashes) implements UdpRequest {
        /** Checks and copies the hashes. */
        public Scrape {
            infoHashes = List.copyOf(infoHashes);
            if (infoHashes.isEmpty() || infoHashes.size() > UdpTrackerCodec.MAX_SCRAPE_HASHES) {
                throw new IllegalArgumentException("infoHashes: " + infoHashes.size() + " (expected: 1.."
                        + UdpTrackerCodec.MAX_SCRAPE_HASHES + ")");
            }
        }

        @Override
        public UdpAction action() {
            return UdpAction.SCRAPE;
        }
    }
}
