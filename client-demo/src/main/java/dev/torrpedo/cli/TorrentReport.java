package dev.torrpedo.cli;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code torrpedo info} shows of a torrent or a magnet link, as JSON fields and as
 * text. File indices are the torrent's own (what {@code --select} takes); pad files are
 * not listed.
 *
 * <p>JSON fields: {@code name}, {@code id} (the RPC id), {@code infoHash} ({@code v1},
 * {@code v2}: hex or null), {@code version} ({@code v1}, {@code v2}, {@code hybrid}),
 * {@code metadata} (false for a magnet link, whose size, pieces and files are then null),
 * {@code size} (bytes, pads excluded), {@code pieceLength}, {@code pieces}, {@code private},
 * {@code files} ({@code index}, {@code path}, {@code size}), {@code trackers} ({@code url},
 * {@code tier}), {@code webSeeds}, {@code comment}, {@code createdBy}, {@code creationDate}
 * (epoch ms), {@code magnet}; a magnet link adds {@code peers} and {@code selectedFiles}.
 */
final class TorrentReport {
    private static final HexFormat HEX = HexFormat.of();

    private TorrentReport() {
    }

    /** @return the JSON fields of {@code input}, in a stable order */
    static Map<String, Object> json(TorrentInput input) {
        if (input instanceof TorrentInput.Metainfo m) {
            return json(m.torrent());
        }
        return json(((TorrentInput.Magnet) input).link());
    }

    static Map<String, Object> json(Torrent t) {
        Map<String, Object> m = identity(t.name(), t.infoHash());
        m.put("metadata", true);
        m.put("size", t.payloadSize());
        m.put("pieceLength", t.pieceLength());
        m.put("pieces", t.pieceCount());
        m.put("private", t.isPrivate());
        List<Map<String, Object>> files = new ArrayList<>();
        for (TorrentFile f : listed(t)) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("index", f.index());
            file.put("path", path(f));
            file.put("size", f.length());
            files.add(file);
        }
        m.put("files", files);
        m.put("trackers", trackers(t.trackers()));
        m.put("webSeeds", t.webSeeds());
        m.put("comment", t.comment().orElse(null));
        m.put("createdBy", t.createdBy().orElse(null));
        m.put("creationDate", t.creationDate().map(i -> i.toEpochMilli()).orElse(null));
        m.put("magnet", MagnetLink.of(t).toString());
        return m;
    }

    static Map<String, Object> json(MagnetLink link) {
        Map<String, Object> m = identity(link.displayName().orElse(null), link.infoHash());
        m.put("metadata", false);
        m.put("size", null);
        m.put("pieceLength", null);
        m.put("pieces", null);
        m.put("private", null);
        m.put("files", null);
        List<List<String>> tiers = new ArrayList<>();
        link.trackers().forEach(url -> tiers.add(List.of(url)));
        m.put("trackers", trackers(tiers));
        m.put("webSeeds", link.webSeeds());
        m.put("comment", null);
        m.put("createdBy", null);
        m.put("creationDate", null);
        m.put("magnet", link.toString());
        List<String> peers = new ArrayList<>();
        for (InetSocketAddress a : link.peers()) {
            String host = a.getHostString();
            peers.add((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort());
        }
        m.put("peers", peers);
        m.put("selectedFiles", link.selectedFiles().isEmpty() ? null : selection(link));
        return m;
    }

    /** @return the report for a person, one line per element */
    static List<String> text(TorrentInput input) {
        Map<String, Object> m = json(input);
        List<String> lines = new ArrayList<>();
        lines.add(row("name", m.get("name") == null ? "(unknown until the metadata arrives)" : m.get("name")));
        @SuppressWarnings("unchecked")
        Map<String, Object> hashes = (Map<String, Object>) m.get("infoHash");
        boolean first = true;
        for (String v : List.of("v1", "v2")) {
            if (hashes.get(v) != null) {
                lines.add(row(first ? "info hash" : "", v + " " + hashes.get(v)));
                first = false;
            }
        }
        lines.add(row("version", m.get("version")));
        if (input instanceof TorrentInput.Metainfo meta) {
            Torrent t = meta.torrent();
            List<TorrentFile> files = listed(t);
            lines.add(row("size", Units.formatSize(t.payloadSize()) + " (" + t.payloadSize() + " bytes) in "
                    + files.size() + (files.size() == 1 ? " file" : " files")));
            lines.add(row("pieces", t.pieceCount() + " of " + Units.formatSize(t.pieceLength())));
            lines.add(row("private", t.isPrivate() ? "yes" : "no"));
            t.comment().ifPresent(c -> lines.add(row("comment", c)));
            t.createdBy().ifPresent(c -> lines.add(row("created by", c)));
            t.creationDate().ifPresent(d -> lines.add(row("created", d)));
        }
        List<?> trackers = (List<?>) m.get("trackers");
        for (int i = 0; i < trackers.size(); i++) {
            Map<?, ?> tr = (Map<?, ?>) trackers.get(i);
            lines.add(row(i == 0 ? "trackers" : "", "tier " + tr.get("tier") + "  " + tr.get("url")));
        }
        List<?> seeds = (List<?>) m.get("webSeeds");
        for (int i = 0; i < seeds.size(); i++) {
            lines.add(row(i == 0 ? "web seeds" : "", seeds.get(i)));
        }
        if (m.containsKey("peers")) {
            List<?> peers = (List<?>) m.get("peers");
            for (int i = 0; i < peers.size(); i++) {
                lines.add(row(i == 0 ? "peers" : "", peers.get(i)));
            }
            if (m.get("selectedFiles") != null) {
                lines.add(row("select", m.get("selectedFiles")));
            }
        }
        lines.add(row("magnet", m.get("magnet")));
        if (input instanceof TorrentInput.Metainfo meta) {
            List<TorrentFile> files = listed(meta.torrent());
            int width = Integer.toString(files.isEmpty() ? 0 : files.get(files.size() - 1).index()).length();
            lines.add("files:");
            for (TorrentFile f : files) {
                lines.add(String.format(Locale.ROOT, "  %" + width + "d  %10s  %s", f.index(),
                        Units.formatSize(f.length()), path(f)));
            }
        }
        return lines;
    }

    private static Map<String, Object> identity(String name, InfoHash hash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("id", hash.id());
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("v1", hash.hasV1() ? HEX.formatHex(hash.v1()) : null);
        hashes.put("v2", hash.hasV2() ? HEX.formatHex(hash.v2()) : null);
        m.put("infoHash", hashes);
        TorrentVersion version = hash.isHybrid() ? TorrentVersion.HYBRID : hash.hasV1() ? TorrentVersion.V1
                : TorrentVersion.V2;
        m.put("version", version.name().toLowerCase(Locale.ROOT));
        return m;
    }

    private static List<TorrentFile> listed(Torrent t) {
        return t.files().stream().filter(f -> !f.isPad()).toList();
    }

    private static String path(TorrentFile f) {
        return String.join("/", f.safePath());
    }

    private static List<Map<String, Object>> trackers(List<List<String>> tiers) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int tier = 0; tier < tiers.size(); tier++) {
            for (String url : tiers.get(tier)) {
                Map<String, Object> tr = new LinkedHashMap<>();
                tr.put("url", url);
                tr.put("tier", tier);
                out.add(tr);
            }
        }
        return out;
    }

    private static String selection(MagnetLink link) {
        List<FileSelection.Range> ranges = new ArrayList<>();
        link.selectedFiles().forEach(r -> ranges.add(new FileSelection.Range(r.first(), r.last())));
        return new FileSelection(ranges).toString();
    }

    private static String row(String label, Object value) {
        return String.format(Locale.ROOT, "%-11s %s", label.isEmpty() ? "" : label + ":", printable(String.valueOf(value)));
    }

    /** @return {@code s} with control characters shown as {@code ?}, so a torrent cannot drive the terminal */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
                sb.append('?');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
