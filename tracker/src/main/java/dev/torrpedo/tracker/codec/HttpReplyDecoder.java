package dev.torrpedo.tracker.codec;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeException;
import dev.torrpedo.bencode.BencodeLimits;
import dev.torrpedo.bencode.BencodeMode;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.ScrapeResponse;
import dev.torrpedo.tracker.ScrapeStats;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decodes the bencoded body of an HTTP tracker's announce (BEP 3, 23, 7) or scrape (BEP 48)
 * answer. Pure: no I/O, no clock. Every failure is a {@link TrackerException}:
 * {@code TOO_LARGE} over {@link ReplyLimits#maxBytes()}, {@code FAILURE} for a
 * {@code failure reason}, {@code MALFORMED} (with the field and offset) for anything else.
 *
 * <pre>
 * d8:intervali1800e12:min intervali300e8:completei5e10:incompletei3e
 *  5:peers6:&lt;4 address bytes&gt;&lt;2 port bytes&gt;...  6:peers618:&lt;16+2 bytes&gt;...e
 * </pre>
 */
public final class HttpReplyDecoder {
    private static final int MAX_DEPTH = 16;
    private static final long MAX_INTERVAL = Integer.MAX_VALUE;

    private HttpReplyDecoder() {
    }

    /**
     * Decodes an announce answer; {@code interval} and {@code min interval} come out raised to
     * {@link ReplyLimits#minInterval()}.
     */
    public static AnnounceResponse announce(byte[] body, ReplyLimits limits) {
        BDictionary root = root(body, limits);
        try {
            Duration interval = Duration.ofSeconds(seconds(root, "interval").orElse(limits.defaultInterval().toSeconds()));
            OptionalLong min = seconds(root, "min interval");
            Optional<Duration> minInterval = min.isPresent() ? Optional.of(Duration.ofSeconds(min.getAsLong()))
                    : Optional.empty();
            Set<InetSocketAddress> peers = new LinkedHashSet<>();
            BValue v4 = root.get("peers");
            if (v4 instanceof BString s) {
                compact(s, CompactPeers.V4_ENTRY, limits, peers, "peers");
            } else if (v4 instanceof BList l) {
                dictionaryPeers(l, limits, peers);
            } else if (v4 != null) {
                throw TrackerException.malformed("peers", v4.offset(), "peers: a " + v4.kind() + " (expected: a string or a list)");
            }
            BValue v6 = root.get("peers6");
            if (v6 instanceof BString s) {
                compact(s, CompactPeers.V6_ENTRY, limits, peers, "peers6");
            } else if (v6 != null) {
                throw TrackerException.malformed("peers6", v6.offset(), "peers6: a " + v6.kind() + " (expected: a string)");
            }
            AnnounceResponse r = new AnnounceResponse(interval, minInterval, new ArrayList<>(peers),
                    count(root, "complete"), count(root, "incomplete"),
                    root.findString("warning message").map(BString::utf8),
                    root.findString("tracker id").map(BString::utf8));
            return r.withIntervalFloor(limits.minInterval());
        } catch (BencodeException e) {
            throw malformed(e);
        }
    }

    /**
     * Decodes a scrape answer; counts are kept for those of {@code asked} that it mentions
     * (matched by their 20-byte wire form), everything else is ignored.
     */
    public static ScrapeResponse scrape(byte[] body, List<InfoHash> asked, ReplyLimits limits) {
        BDictionary root = root(body, limits);
        try {
            BDictionary files = root.getDictionary("files");
            Map<InfoHash, ScrapeStats> out = new HashMap<>();
            for (InfoHash h : asked) {
                BValue v = files.get(h.wire());
                if (v == null) {
                    continue;
                }
                if (!(v instanceof BDictionary d)) {
                    throw TrackerException.malformed("files", v.offset(), "scrape entry: a " + v.kind()
                            + " (expected: a dictionary)");
                }
                out.put(h, new ScrapeStats(countOrZero(d, "complete"), countOrZero(d, "downloaded"),
                        countOrZero(d, "incomplete")));
            }
            return new ScrapeResponse(out);
        } catch (BencodeException e) {
            throw malformed(e);
        }
    }

    private static BDictionary root(byte[] body, ReplyLimits limits) {
        if (body.length > limits.maxBytes()) {
            throw new TrackerException(TrackerError.TOO_LARGE, null, null, limits.maxBytes(),
                    "reply: " + body.length + " bytes (expected: <= " + limits.maxBytes() + ")", null);
        }
        BValue value;
        try {
            // a token needs at least two bytes, so this bound never refuses a reply within maxBytes
            int tokens = Math.max(16, body.length / 2 + 1);
            value = BencodeDecoder.of(new BencodeLimits(Math.max(1, body.length), MAX_DEPTH, tokens), BencodeMode.LENIENT)
                    .decode(body);
        } catch (BencodeException e) {
            throw malformed(e);
        }
        if (!(value instanceof BDictionary root)) {
            throw TrackerException.malformed(null, 0, "reply: a " + value.kind() + " (expected: a dictionary)");
        }
        BValue failure = root.get("failure reason");
        if (failure != null) {
            String reason = failure instanceof BString s ? s.utf8() : String.valueOf(failure);
            throw new TrackerException(TrackerError.FAILURE, null, "failure reason", failure.offset(), reason, null);
        }
        return root;
    }

    private static TrackerException malformed(BencodeException e) {
        return new TrackerException(TrackerError.MALFORMED, null, e.key(), e.offset(), e.getMessage(), e);
    }

    private static OptionalLong seconds(BDictionary root, String key) {
        BValue v = root.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(integer(v, key).value(0, MAX_INTERVAL));
    }

    private static OptionalInt count(BDictionary root, String key) {
        BValue v = root.get(key);
        if (v == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) integer(v, key).value(0, Integer.MAX_VALUE));
    }

    private static int countOrZero(BDictionary d, String key) {
        OptionalInt c = count(d, key);
        return c.isPresent() ? c.getAsInt() : 0;
    }

    private static BInteger integer(BValue v, String key) {
        if (v instanceof BInteger i) {
            return i;
        }
        throw TrackerException.malformed(key, v.offset(), key + ": a " + v.kind() + " (expected: an integer)");
    }

    private static void compact(BString s, int entry, ReplyLimits limits, Set<InetSocketAddress> out, String field) {
        byte[] bytes = s.bytes();
        CompactPeers.decode(bytes, 0, bytes.length, entry, limits.maxPeers(), out, field, s.offset());
    }

    /** BEP 3's original form: a list of {@code {peer id, ip, port}}; names that are not IP literals are skipped. */
    private static void dictionaryPeers(BList list, ReplyLimits limits, Set<InetSocketAddress> out) {
        for (BValue v : list) {
            if (out.size() >= limits.maxPeers()) {
                return;
            }
            if (!(v instanceof BDictionary peer)) {
                throw TrackerException.malformed("peers", v.offset(), "peer: a " + v.kind() + " (expected: a dictionary)");
            }
            long port = peer.getLong("port", 0, 65535);
            String ip = peer.getString("ip").utf8();
            byte[] addr = NetUtil.createByteArrayFromIpAddressString(ip);
            if (addr == null || port == 0) {
                continue; // a host name would need a lookup; a decoder does none
            }
            out.add(new InetSocketAddress(CompactPeers.address(addr), (int) port));
        }
    }
}
