package dev.torrpedo.tracker.codec;

import dev.torrpedo.tracker.ScrapeStats;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/** A packet a UDP tracker sends back (BEP 15); it repeats the request's transaction id. */
public sealed interface UdpReply permits UdpReply.Connect, UdpReply.Announce, UdpReply.Scrape, UdpReply.Error {

    /** @return the transaction id of the request this answers */
    int transactionId();

    /** @return the action, for an exhaustive {@code switch} */
    UdpAction action();

    /**
     * A connection id, valid for a minute.
     *
     * <pre>
     * 0        4      8             16
     * +--------+------+-------------+
     * |action=0|txn id|connection id|
     * +--------+------+-------------+
     * </pre>
     *
     * @param transactionId the request's transaction id
     * @param connectionId  the id to use in announce and scrape requests
     */
    record Connect(int transactionId, long connectionId) implements UdpReply {
        @Override
        public UdpAction action() {
            return UdpAction.CONNECT;
        }
    }

    /**
     * An announce answer; the peers are 6-byte entries over IPv4, 18-byte over IPv6.
     *
     * <pre>
     * 0        4      8        12       16      20
     * +--------+------+--------+--------+-------+------------
     * |action=1|txn id|interval|leechers|seeders|peers...
     * +--------+------+--------+--------+-------+------------
     * </pre>
     *
     * @param transactionId the request's transaction id
     * @param interval      seconds until the next announce (unsigned on the wire; at most 2^31-1 here)
     * @param leechers      peers downloading
     * @param seeders       peers seeding
     * @param peers         the peers
     */
    record Announce(int transactionId, int interval, int leechers, int seeders, List<InetSocketAddress> peers)
            implements UdpReply {
        /** Copies the peers. */
        public Announce {
            peers = List.copyOf(peers);
        }

        @Override
        public UdpAction action() {
            return UdpAction.ANNOUNCE;
        }
    }

    /**
     * A scrape answer: one entry per asked hash, in the same order.
     *
     * <pre>
     * 0        4      8       12        16       20
     * +--------+------+-------+---------+--------+---
     * |action=2|txn id|seeders|completed|leechers|...
     * +--------+------+-------+---------+--------+---
     * </pre>
     *
     * @param transactionId the request's transaction id
     * @param stats         the counts, in the order of the request's hashes
     */
    record Scrape(int transactionId, List<ScrapeStats> stats) implements UdpReply {
        /** Copies the counts. */
        public Scrape {
            stats = List.copyOf(stats);
        }

        @Override
        public UdpAction action() {
            return UdpAction.SCRAPE;
        }
    }

    /**
     * The tracker refused the request.
     *
     * <pre>
     * 0        4      8
     * +--------+------+---------------
     * |action=3|txn id|message (UTF-8)
     * +--------+------+---------------
     * </pre>
     *
     * @param transactionId the request's transaction id
     * @param message       why
     */
    record Error(int transactionId, String message) implements UdpReply {
        /** Checks the message. */
        public Error {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public UdpAction action() {
            return UdpAction.ERROR;
        }
    }
}
