package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeException;
import dev.torrpedo.bencode.BencodeLimits;
import dev.torrpedo.bencode.BencodeMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads a whole .torrent (or assembles one around an info dictionary) into a {@link Torrent}. Pure. */
final class TorrentParser {
    /** Seconds of 9999-12-31T23:59:59Z: later creation dates are ignored as nonsense. */
    private static final long MAX_DATE = 253_402_300_799L;

    private TorrentParser() {
    }

    /** Parses {@code bytes}, which the caller hands over: they must not change afterwards. */
    static Torrent parse(byte[] bytes, TorrentLimits limits, boolean requireLayers) {
        if (bytes.length > limits.maxSize()) {
            throw new MetainfoException(MetainfoError.LIMIT_EXCEEDED, "", -1,
                    "size: " + bytes.length + " bytes (expected: <= " + limits.maxSize() + ")", null);
        }
        BDictionary root = Fields.asDict(decode(bytes, limits), "");
        BDictionary info = Fields.requireDict(root, "info", "info");
        InfoParser.Parsed parsed = InfoParser.parse(info, limits);
        InfoHash hash = InfoHash.ofInfo(info.raw(), parsed.version().hasV1(), parsed.version().hasV2());
        BString[] layers = parsed.version().hasV2()
                ? PieceLayers.parse(root.get(PieceLayers.FIELD), parsed.files(), parsed.pieceLength(), requireLayers)
                : new BString[parsed.files().size()];
        return new Torrent(bytes, root, info, hash, parsed, layers, trackers(root), webSeeds(root),
                text(root, "comment"), text(root, "created by"), creationDate(root));
    }

    /**
     * Checks {@code info} against {@code expected} before reading it, then builds a .torrent
     * around it (BEP 9: metadata from peers).
     */
    static Torrent fromInfo(byte[] info, InfoHash expected, List<List<String>> tiers, List<String> webSeeds,
            TorrentLimits limits) {
        if (info.length > limits.maxSize()) {
            throw new MetainfoException(MetainfoError.LIMIT_EXCEEDED, "info", -1,
                    "metadata: " + info.length + " bytes (expected: <= " + limits.maxSize() + ")", null);
        }
        if (expected.hasV1() && !MessageDigest.isEqual(digest("SHA-1", info), expected.v1())) {
            throw new MetainfoException(MetainfoError.INFO_HASH_MISMATCH, "info", "the SHA-1 of the metadata is not "
                    + expected);
        }
        if (expected.hasV2() && !MessageDigest.isEqual(digest("SHA-256", info), expected.v2())) {
            throw new MetainfoException(MetainfoError.INFO_HASH_MISMATCH, "info", "the SHA-256 of the metadata is not "
                    + expected);
        }
        OuterDictionary outer = OuterDictionary.empty().putRaw("info", info);
        List<List<String>> cleanTiers = clean(tiers);
        if (!cleanTiers.isEmpty()) {
            outer.put("announce", BString.of(cleanTiers.get(0).get(0)));
            List<BValue> list = new ArrayList<>();
            for (List<String> tier : cleanTiers) {
                list.add(BList.of(tier.stream().map(BString::of).map(BValue.class::cast).toList()));
            }
            outer.put("announce-list", BList.of(list));
        }
        List<String> seeds = webSeeds.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if (!seeds.isEmpty()) {
            outer.put("url-list", BList.of(seeds.stream().map(BString::of).map(BValue.class::cast).toList()));
        }
        byte[] bytes = outer.toBytes();
        Torrent t = parse(bytes, limits.withMaxSize(Math.max(limits.maxSize(), bytes.length)), false);
        if (expected.hasV1() && !t.infoHash().hasV1() || expected.hasV2() && !t.infoHash().hasV2()) {
            throw new MetainfoException(MetainfoError.INFO_HASH_MISMATCH, "info",
                    "the metadata is " + t.version() + " but " + expected + " was expected");
        }
        return t;
    }

    private static BValue decode(byte[] bytes, TorrentLimits limits) {
        try {
            return BencodeDecoder.of(new BencodeLimits(limits.maxSize(), limits.maxDepth(), limits.maxTokens()),
                    BencodeMode.LENIENT).decode(bytes);
        } catch (BencodeException e) {
            throw new MetainfoException(MetainfoError.MALFORMED_BENCODE, e.key() == null ? "" : e.key(), e.offset(),
                    e.error() + ": " + e.detail(), e);
        }
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /**
     * BEP 12: {@code announce-list} when it names any tracker, else {@code announce}. Blank
     * and repeated URLs are dropped; values of the wrong type are ignored, as libtorrent does
     * (nothing outside the info dictionary is hashed).
     */
    static List<List<String>> trackers(BDictionary root) {
        List<List<String>> tiers = new ArrayList<>();
        if (root.get("announce-list") instanceof BList list) {
            for (BValue tier : list) {
                if (tier instanceof BList urls) {
                    List<String> t = new ArrayList<>();
                    for (BValue u : urls) {
                        if (u instanceof BString s) {
                            t.add(s.utf8());
                        }
                    }
                    tiers.add(t);
                }
            }
        }
        List<List<String>> out = clean(tiers);
        if (out.isEmpty() && root.get("announce") instanceof BString s) {
            out = clean(List.of(List.of(s.utf8())));
        }
        return out;
    }

    private static List<List<String>> clean(List<List<String>> tiers) {
        Set<String> seen = new LinkedHashSet<>();
        List<List<String>> out = new ArrayList<>();
        for (List<String> tier : tiers) {
            List<String> t = new ArrayList<>();
            for (String url : tier) {
                String u = url.strip();
                if (!u.isEmpty() && seen.add(u)) {
                    t.add(u);
                }
            }
            if (!t.isEmpty()) {
                out.add(List.copyOf(t));
            }
        }
        return List.copyOf(out);
    }

    /** BEP 19 {@code url-list}: one URL or a list of them. */
    static List<String> webSeeds(BDictionary root) {
        Set<String> out = new LinkedHashSet<>();
        BValue v = root.get("url-list");
        if (v instanceof BString s) {
            out.add(s.utf8().strip());
        } else if (v instanceof BList list) {
            for (BValue u : list) {
                if (u instanceof BString s) {
                    out.add(s.utf8().strip());
                }
            }
        }
        out.remove("");
        return List.copyOf(out);
    }

    private static String text(BDictionary root, String key) {
        if (root.get(key + ".utf-8") instanceof BString s) {
            return s.utf8();
        }
        return root.get(key) instanceof BString s ? s.utf8() : null;
    }

    private static Instant creationDate(BDictionary root) {
        if (root.get("creation date") instanceof BInteger i && i.value() >= 0 && i.value() <= MAX_DATE) {
            return Instant.ofEpochSecond(i.value());
        }
        return null;
    }
}
