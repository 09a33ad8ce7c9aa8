package dev.torrpedo.metainfo;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A magnet link (BEP 9, BEP 53): enough to find a torrent's peers and fetch its metadata.
 * Immutable; the constructor normalises (blank and repeated trackers, web seeds and peers
 * dropped, file ranges sorted and merged) so that {@code parse(link.toString())} equals
 * {@code link}.
 *
 * <pre>
 * magnet:?xt=urn:btih:&lt;40 hex or 32 base32&gt;      v1 (or a hybrid's v1 hash)
 *        &amp;xt=urn:btmh:1220&lt;64 hex&gt;               v2 (SHA-256 multihash); both: hybrid
 *        &amp;dn=&lt;name&gt;&amp;tr=&lt;tracker&gt;...&amp;ws=&lt;web seed&gt;...&amp;x.pe=&lt;host:port&gt;...&amp;so=0,2,4-6
 * </pre>
 *
 * @param infoHash      the info hash (v1, v2 or both)
 * @param displayName   the {@code dn} name, if any
 * @param trackers      {@code tr} tracker URLs, at most {@link #MAX_TRACKERS}
 * @param webSeeds      {@code ws} web seed URLs, at most {@link #MAX_WEB_SEEDS}
 * @param peers         {@code x.pe} peer addresses, unresolved, at most {@link #MAX_PEERS}
 * @param selectedFiles {@code so} file index ranges (BEP 53); empty means every file
 */
public record MagnetLink(InfoHash infoHash, Optional<String> displayName, List<String> trackers,
        List<String> webSeeds, List<InetSocketAddress> peers, List<FileRange> selectedFiles) {

    /** Longest link accepted by {@link #parse(String)}, in characters. */
    public static final int MAX_LENGTH = 64 * 1024;
    /** Most trackers kept; {@link #parse(String)} drops the rest. */
    public static final int MAX_TRACKERS = 100;
    /** Most web seeds kept; {@link #parse(String)} drops the rest. */
    public static final int MAX_WEB_SEEDS = 100;
    /** Most peers kept; {@link #parse(String)} drops the rest. */
    public static final int MAX_PEERS = 100;
    /** Most {@code so} ranges accepted. */
    public static final int MAX_FILE_RANGES = 1000;

    /**
     * File indices {@code [first, last]} selected by BEP 53 {@code so}.
     *
     * @param first the first index
     * @param last  the last index, inclusive
     */
    public record FileRange(int first, int last) {
        /** Checks {@code 0 <= first <= last}. */
        public FileRange {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("file range: " + first + "-" + last);
            }
        }
    }

    /** Validates and normalises. */
    public MagnetLink {
        Objects.requireNonNull(infoHash, "infoHash");
        displayName = Objects.requireNonNull(displayName, "displayName").filter(s -> !s.isEmpty());
        trackers = distinctStrings(trackers, MAX_TRACKERS, "trackers");
        webSeeds = distinctStrings(webSeeds, MAX_WEB_SEEDS, "webSeeds");
        List<InetSocketAddress> p = List.copyOf(new LinkedHashSet<>(peers));
        if (p.size() > MAX_PEERS) {
            throw new IllegalArgumentException("peers: " + p.size() + " (expected: <= " + MAX_PEERS + ")");
        }
        peers = p;
        selectedFiles = merge(selectedFiles);
        if (selectedFiles.size() > MAX_FILE_RANGES) {
            throw new IllegalArgumentException("selectedFiles: " + selectedFiles.size() + " ranges (expected: <= "
                    + MAX_FILE_RANGES + ")");
        }
    }

    /** @return a link holding only {@code infoHash} */
    public static MagnetLink of(InfoHash infoHash) {
        return new MagnetLink(infoHash, Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }

    /** @return a link to {@code torrent}: its info hash, name, trackers (all tiers) and web seeds */
    public static MagnetLink of(Torrent torrent) {
        List<String> trackers = new ArrayList<>();
        torrent.trackers().forEach(trackers::addAll);
        List<String> seeds = torrent.webSeeds();
        return new MagnetLink(torrent.infoHash(), Optional.of(torrent.name()),
                trackers.subList(0, Math.min(trackers.size(), MAX_TRACKERS)),
                seeds.subList(0, Math.min(seeds.size(), MAX_WEB_SEEDS)), List.of(), List.of());
    }

    /**
     * Parses a magnet link. Parameter names may carry an index ({@code tr.1}); unknown
     * parameters and {@code xt} URNs other than {@code btih}/{@code btmh} are ignored, as are
     * malformed {@code x.pe} peers; trackers, web seeds and peers past their limits are
     * dropped.
     *
     * @throws MetainfoException {@link MetainfoError#INVALID_MAGNET} (naming the parameter)
     *         for a link that is not a magnet link, has no usable {@code xt}, conflicting
     *         hashes, bad percent-escapes or a bad {@code so};
     *         {@link MetainfoError#LIMIT_EXCEEDED} for a link over {@link #MAX_LENGTH}
     */
    public static MagnetLink parse(String uri) {
        return MagnetParser.parse(uri);
    }

    /** @return whether BEP 53 selects file {@code index} (every file when there is no {@code so}) */
    public boolean selects(int index) {
        if (selectedFiles.isEmpty()) {
            return true;
        }
        for (FileRange r : selectedFiles) {
            if (index >= r.first() && index <= r.last()) {
                return true;
            }
        }
        return false;
    }

    /** @return the link in its canonical form: {@code xt} (v1 then v2), {@code dn}, {@code tr}, {@code ws}, {@code x.pe}, {@code so} */
    @Override
    public String toString() {
        return MagnetParser.format(this);
    }

    private static List<String> distinctStrings(List<String> values, int max, String what) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values) {
            String s = v.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        if (out.size() > max) {
            throw new IllegalArgumentException(what + ": " + out.size() + " (expected: <= " + max + ")");
        }
        return List.copyOf(out);
    }

    private static List<FileRange> merge(List<FileRange> ranges) {
        List<FileRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(FileRange::first));
        List<FileRange> out = new ArrayList<>();
        for (FileRange r : sorted) {
            if (!out.isEmpty() && (long) r.first() <= (long) out.get(out.size() - 1).last() + 1) {
                FileRange prev = out.remove(out.size() - 1);
                out.add(new FileRange(prev.first(), Math.max(prev.last(), r.last())));
            } else {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }
}
