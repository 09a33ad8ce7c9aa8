package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.engine.PeerInfo;
import dev.torrpedo.engine.SessionStats;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.engine.TrackerStatus;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's snapshots as the JSON objects of {@code rpc/README.md} ("Objects"): sizes in
 * bytes, rates in bytes/s, times in epoch milliseconds, durations in milliseconds, addresses
 * as {@code "ip:port"} or {@code "[v6]:port"}, enums left as enums (written in lowerCamelCase).
 * Pure functions.
 */
final class Shapes {
    /** The fields of a Status object, in the order they are written. */
    static final List<String> STATUS_FIELDS = List.of("id", "name", "state", "progress", "totalSize", "wantedSize",
            "completedBytes", "downloadedBytes", "uploadedBytes", "downloadRate", "uploadRate", "peers", "seeds", "etaMs",
            "ratio", "error", "savePath", "addedAt", "completedAt", "piecesDone", "pieceCount", "sequential", "revision");

    private Shapes() {
    }

    /** A Status object: every field of {@link #STATUS_FIELDS}. */
    static Map<String, Object> status(TorrentStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("state", s.state());
        m.put("progress", s.progress());
        m.put("totalSize", s.totalSize());
        m.put("wantedSize", s.wantedSize());
        m.put("completedBytes", s.completedBytes());
        m.put("downloadedBytes", s.downloadedBytes());
        m.put("uploadedBytes", s.uploadedBytes());
        m.put("downloadRate", s.downloadRate());
        m.put("uploadRate", s.uploadRate());
        m.put("peers", s.peers());
        m.put("seeds", s.seeds());
        m.put("etaMs", s.etaSeconds() < 0 ? -1L : s.etaSeconds() * 1000);
        m.put("ratio", s.ratio());
        m.put("error", s.error());
        m.put("savePath", s.savePath() == null ? null : s.savePath().toString());
        m.put("addedAt", millis(s.addedAt()));
        m.put("completedAt", millis(s.completedAt()));
        m.put("piecesDone", s.piecesDone());
        m.put("pieceCount", s.pieceCount());
        m.put("sequential", s.sequential());
        m.put("revision", s.revision());
        return m;
    }

    /** A SessionStats object. */
    static Map<String, Object> stats(SessionStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("torrents", s.torrents());
        m.put("peers", s.peers());
        m.put("downloadRate", s.downloadRate());
        m.put("uploadRate", s.uploadRate());
        m.put("downloadedBytes", s.downloadedBytes());
        m.put("uploadedBytes", s.uploadedBytes());
        m.put("dhtNodes", s.dhtNodes());
        m.put("listenPort", s.listenPort());
        m.put("diskQueueBytes", s.diskQueueBytes());
        return m;
    }

    /**
     * A PeerInfo object. {@code choked} and {@code interested} are ours towards the peer (we
     * choke it, we want its pieces), {@code peerChoked} and {@code peerInterested} the peer's
     * towards us. The engine's record names the two interest flags the other way round (its
     * {@code interested()} is the peer's interest, its {@code peerInterested()} ours), so they
     * are swapped here.
     */
    static Map<String, Object> peer(PeerInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", address(p.address()));
        m.put("client", p.client());
        m.put("encrypted", p.encrypted());
        m.put("incoming", p.incoming());
        m.put("progress", p.progress());
        m.put("downloadRate", p.downloadRate());
        m.put("uploadRate", p.uploadRate());
        m.put("choked", p.choked());
        m.put("interested", p.peerInterested());
        m.put("peerChoked", p.peerChoked());
        m.put("peerInterested", p.interested());
        m.put("downloaded", p.downloaded());
        m.put("uploaded", p.uploaded());
        return m;
    }

    /** A TrackerStatus object; counts the tracker never gave are null. */
    static Map<String, Object> tracker(TrackerStatus t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", t.url());
        m.put("tier", t.tier());
        m.put("state", t.state());
        m.put("message", t.message());
        m.put("seeders", t.seeders() < 0 ? null : t.seeders());
        m.put("leechers", t.leechers() < 0 ? null : t.leechers());
        m.put("lastAnnounce", millis(t.lastAnnounce()));
        m.put("nextAnnounce", millis(t.nextAnnounce()));
        return m;
    }

    /** Epoch milliseconds, or null. */
    static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    /** Milliseconds, or null. */
    static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }

    /** {@code "192.0.2.7:6881"}, {@code "[2001:db8::7]:6881"}, or the host name as given for an unresolved address. */
    static String address(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        InetAddress ip = a.getAddress();
        String host = ip == null ? a.getHostString() : ip.getHostAddress();
        if (ip instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
        }
        return host + ":" + a.getPort();
    }
}
