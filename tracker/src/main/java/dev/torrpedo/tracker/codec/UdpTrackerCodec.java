package dev.torrpedo.tracker.codec;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.ScrapeStats;
import dev.torrpedo.tracker.TrackerException;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes and decodes UDP tracker packets (BEP 15, with BEP 41 URL data). Pure: decoding
 * reads the readable bytes of a buffer without moving its indexes or releasing it, and
 * fails with a {@link TrackerException} ({@code MALFORMED}, with the field and offset) for
 * any packet the protocol does not allow. See {@link UdpRequest} and {@link UdpReply} for
 * the layouts.
 */
public final class UdpTrackerCodec {
    /** The magic number of a connect request. */
    public static final long PROTOCOL_ID = 0x41727101980L;
    /** The most hashes in one scrape (BEP 15: about 74 fit a packet). */
    public static final int MAX_SCRAPE_HASHES = 74;
    /** The longest error message kept; the rest is cut. */
    public static final int MAX_ERROR_MESSAGE = 1024;
    /** The most URL data (BEP 41) a request may carry. */
    public static final int MAX_URL_DATA = 1024;

    private static final int CONNECT_LENGTH = 16;
    private static final int ANNOUNCE_LENGTH = 98;
    private static final int REPLY_HEADER = 8;
    private static final int ANNOUNCE_REPLY_HEADER = 20;
    private static final int SCRAPE_ENTRY = 12;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;
    private static final int OPTION_URL_DATA = 2;

    private UdpTrackerCodec() {
    }

    /** Writes {@code request} to {@code out}. */
    public static void encode(UdpRequest request, ByteBuf out) {
        switch (request.action()) {
            case CONNECT:
                out.writeLong(PROTOCOL_ID).writeInt(UdpAction.CONNECT.code()).writeInt(request.transactionId());
                return;
            case ANNOUNCE: {
                UdpRequest.Announce a = (UdpRequest.Announce) request;
                out.writeLong(a.connectionId()).writeInt(UdpAction.ANNOUNCE.code()).writeInt(a.transactionId())
                        .writeBytes(a.infoHash().wire()).writeBytes(a.peerId().bytes())
                        .writeLong(a.downloaded()).writeLong(a.left()).writeLong(a.uploaded())
                        .writeInt(a.event().udpCode()).writeInt(a.ipv4()).writeInt(a.key()).writeInt(a.numWant())
                        .writeShort(a.port());
                writeUrlData(a.urlData(), out);
                return;
            }
            case SCRAPE: {
                UdpRequest.Scrape s = (UdpRequest.Scrape) request;
                out.writeLong(s.connectionId()).writeInt(UdpAction.SCRAPE.code()).writeInt(s.transactionId());
                for (InfoHash h : s.infoHashes()) {
                    out.writeBytes(h.wire());
                }
                return;
            }
            default:
                throw new IllegalArgumentException("not a request action: " + request.action());
        }
    }

    private static void writeUrlData(String urlData, ByteBuf out) {
        if (urlData.isEmpty()) {
            return;
        }
        byte[] bytes = urlData.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length > MAX_URL_DATA) {
            throw new IllegalArgumentException("urlData: " + bytes.length + " bytes (expected: <= " + MAX_URL_DATA + ")");
        }
        for (int i = 0; i < bytes.length; i += 255) {
            int n = Math.min(255, bytes.length - i);
            out.writeByte(OPTION_URL_DATA).writeByte(n).writeBytes(bytes, i, n);
        }
        out.writeByte(OPTION_END);
    }

    /** Writes {@code reply} to {@code out}; announce peers go out in the family of {@code ipv6Peers}. */
    public static void encode(UdpReply reply, boolean ipv6Peers, ByteBuf out) {
        out.writeInt(reply.action().code()).writeInt(reply.transactionId());
        switch (reply.action()) {
            case CONNECT:
                out.writeLong(((UdpReply.Connect) reply).connectionId());
                return;
            case ANNOUNCE: {
                UdpReply.Announce a = (UdpReply.Announce) reply;
                out.writeInt(a.interval()).writeInt(a.leechers()).writeInt(a.seeders())
                        .writeBytes(CompactPeers.encode(a.peers(), ipv6Peers));
                return;
            }
            case SCRAPE:
                for (ScrapeStats s : ((UdpReply.Scrape) reply).stats()) {
                    out.writeInt(s.seeders()).writeInt(s.completed()).writeInt(s.leechers());
                }
                return;
            case ERROR:
                byte[] msg = ((UdpReply.Error) reply).message().getBytes(StandardCharsets.UTF_8);
                out.writeBytes(msg, 0, Math.min(msg.length, MAX_ERROR_MESSAGE));
                return;
            default:
                throw new IllegalArgumentException("unknown action: " + reply.action());
        }
    }

    /**
     * @return the transaction id of a packet that could be a tracker reply (at least 8 bytes,
     *         action 0..3), or empty; a cheap test before {@link #decodeReply}
     */
    public static java.util.OptionalInt replyTransactionId(ByteBuf in) {
        if (in.readableBytes() < REPLY_HEADER) {
            return java.util.OptionalInt.empty();
        }
        int action = in.getInt(in.readerIndex());
        if (action < 0 || action > UdpAction.ERROR.code()) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of(in.getInt(in.readerIndex() + 4));
    }

    /**
     * Decodes a reply.
     *
     * @param ipv6Peers whether announce peers are 18-byte (the request went over IPv6) or 6-byte entries
     * @param maxPeers  peers beyond this many are ignored
     */
    public static UdpReply decodeReply(ByteBuf in, boolean ipv6Peers, int maxPeers) {
        int base = in.readerIndex();
        int len = in.readableBytes();
        if (len < REPLY_HEADER) {
            throw TrackerException.malformed("header", len, "reply: " + len + " bytes (expected: >= 8)");
        }
        int action = in.getInt(base);
        int txn = in.getInt(base + 4);
        switch (action) {
            case 0:
                if (len < CONNECT_LENGTH) {
                    throw TrackerException.malformed("connection_id", len, "connect reply: " + len + " bytes (expected: 16)");
                }
                return new UdpReply.Connect(txn, in.getLong(base + 8));
            case 1: {
                if (len < ANNOUNCE_REPLY_HEADER) {
                    throw TrackerException.malformed("seeders", len, "announce reply: " + len + " bytes (expected: >= 20)");
                }
                int interval = nonNegative(in, base, 8, "interval");
                int leechers = nonNegative(in, base, 12, "leechers");
                int seeders = nonNegative(in, base, 16, "seeders");
                int entry = ipv6Peers ? CompactPeers.V6_ENTRY : CompactPeers.V4_ENTRY;
                int peerBytes = len - ANNOUNCE_REPLY_HEADER;
                if (peerBytes % entry != 0) {
                    throw TrackerException.malformed("peers", ANNOUNCE_REPLY_HEADER,
                            "announce reply peers: " + peerBytes + " bytes (expected: a multiple of " + entry + ")");
                }
                int keep = Math.min(peerBytes / entry, maxPeers) * entry;
                byte[] raw = new byte[keep];
                in.getBytes(base + ANNOUNCE_REPLY_HEADER, raw);
                Set<InetSocketAddress> peers = new LinkedHashSet<>();
                CompactPeers.decode(raw, 0, keep, entry, maxPeers, peers, "peers", ANNOUNCE_REPLY_HEADER);
                return new UdpReply.Announce(txn, interval, leechers, seeders, new ArrayList<>(peers));
            }
            case 2: {
                int bytes = len - REPLY_HEADER;
                if (bytes % SCRAPE_ENTRY != 0 || bytes / SCRAPE_ENTRY > MAX_SCRAPE_HASHES) {
                    throw TrackerException.malformed("stats", REPLY_HEADER, "scrape reply: " + bytes
                            + " bytes of counts (expected: 12 per torrent, at most " + MAX_SCRAPE_HASHES + ")");
                }
                List<ScrapeStats> stats = new ArrayList<>(bytes / SCRAPE_ENTRY);
                for (int off = REPLY_HEADER; off < len; off += SCRAPE_ENTRY) {
                    stats.add(new ScrapeStats(nonNegative(in, base, off, "seeders"),
                            nonNegative(in, base, off + 4, "completed"), nonNegative(in, base, off + 8, "leechers")));
                }
                return new UdpReply.Scrape(txn, stats);
            }
            case 3: {
                int n = Math.min(len - REPLY_HEADER, MAX_ERROR_MESSAGE);
                return new UdpReply.Error(txn, in.toString(base + REPLY_HEADER, n, StandardCharsets.UTF_8));
            }
            default:
                throw TrackerException.malformed("action", 0, "reply action: " + action + " (expected: 0..3)");
        }
    }

    private static int nonNegative(ByteBuf in, int base, int off, String field) {
        int v = in.getInt(base + off);
        if (v < 0) {
            throw TrackerException.malformed(field, off, field + ": " + Integer.toUnsignedString(v)
                    + " (expected: <= " + Integer.MAX_VALUE + ")");
        }
        return v;
    }

    /** Decodes a request (for a tracker). */
    public static UdpRequest decodeRequest(ByteBuf in) {
        int base = in.readerIndex();
        int len = in.readableBytes();
        if (len < CONNECT_LENGTH) {
            throw TrackerException.malformed("header", len, "request: " + len + " bytes (expected: >= 16)");
        }
        long connectionId = in.getLong(base);
        int action = in.getInt(base + 8);
        int txn = in.getInt(base + 12);
        switch (action) {
            case 0:
                if (connectionId != PROTOCOL_ID) {
                    throw TrackerException.malformed("protocol_id", 0, "connect request: protocol id 0x"
                            + Long.toHexString(connectionId) + " (expected: 0x41727101980)");
                }
                return new UdpRequest.Connect(txn);
            case 1:
                return decodeAnnounce(in, base, len, connectionId, txn);
            case 2: {
                int bytes = len - CONNECT_LENGTH;
                int n = bytes / InfoHash.V1_LENGTH;
                if (bytes % InfoHash.V1_LENGTH != 0 || n < 1 || n > MAX_SCRAPE_HASHES) {
                    throw TrackerException.malformed("info_hash", CONNECT_LENGTH, "scrape request: " + bytes
                            + " bytes of hashes (expected: 20 per torrent, 1.." + MAX_SCRAPE_HASHES + " torrents)");
                }
                List<InfoHash> hashes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    hashes.add(InfoHash.v1(bytes(in, base + CONNECT_LENGTH + i * InfoHash.V1_LENGTH, InfoHash.V1_LENGTH)));
                }
                return new UdpRequest.Scrape(connectionId, txn, hashes);
            }
            default:
                throw TrackerException.malformed("action", 8, "request action: " + action + " (expected: 0..2)");
        }
    }

    private static UdpRequest.Announce decodeAnnounce(ByteBuf in, int base, int len, long connectionId, int txn) {
        if (len < ANNOUNCE_LENGTH) {
            throw TrackerException.malformed("port", len, "announce request: " + len + " bytes (expected: >= 98)");
        }
        InfoHash hash = InfoHash.v1(bytes(in, base + 16, 20));
        PeerId peer = PeerId.of(bytes(in, base + 36, 20));
        long downloaded = in.getLong(base + 56);
        long left = in.getLong(base + 64);
        long uploaded = in.getLong(base + 72);
        int event = in.getInt(base + 80);
        if (event < 0 || event > 3) {
            throw TrackerException.malformed("event", 80, "event: " + event + " (expected: 0..3)");
        }
        if (downloaded < 0 || left < 0 || uploaded < 0) {
            throw TrackerException.malformed("left", 56, "downloaded/left/uploaded must be >= 0");
        }
        String urlData = readUrlData(in, base, len);
        return new UdpRequest.Announce(connectionId, txn, hash, peer, downloaded, left, uploaded,
                AnnounceEvent.ofUdpCode(event), in.getInt(base + 84), in.getInt(base + 88), in.getInt(base + 92),
                in.getUnsignedShort(base + 96), urlData);
    }

    /** BEP 41: options after the announce; unknown types with a length byte are skipped. */
    private static String readUrlData(ByteBuf in, int base, int len) {
        StringBuilder url = new StringBuilder();
        int off = ANNOUNCE_LENGTH;
        while (off < len) {
            int type = in.getUnsignedByte(base + off);
            if (type == OPTION_END) {
                break;
            }
            if (type == OPTION_NOP) {
                off++;
                continue;
            }
            if (off + 1 >= len) {
                throw TrackerException.malformed("options", off, "option " + type + " without its length");
            }
            int n = in.getUnsignedByte(base + off + 1);
            if (off + 2 + n > len) {
                throw TrackerException.malformed("options", off, "option " + type + ": " + n + " bytes, "
                        + (len - off - 2) + " left");
            }
            if (type == OPTION_URL_DATA) {
                if (url.length() + n > MAX_URL_DATA) {
                    throw TrackerException.malformed("options", off, "url data over " + MAX_URL_DATA + " bytes");
                }
                url.append(in.toString(base + off + 2, n, StandardCharsets.ISO_8859_1));
            }
            off += 2 + n;
        }
        return url.toString();
    }

    private static byte[] bytes(ByteBuf in, int index, int n) {
        byte[] b = new byte[n];
        in.getBytes(index, b);
        return b;
    }
}
