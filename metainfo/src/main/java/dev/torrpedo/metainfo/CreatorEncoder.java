package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes the .torrent of a {@link TorrentCreator} from its layout and hashes. */
final class CreatorEncoder {
    private CreatorEncoder() {
    }

    /** The settings that land in the file. */
    record Meta(String name, TorrentVersion version, List<List<String>> trackers, List<String> webSeeds,
            boolean isPrivate, String comment, String createdBy, Instant creationDate) {
    }

    static byte[] encode(Meta meta, CreatorLayout layout, byte[] v1Hashes, byte[][] layers) {
        BDictionary.Builder info = BDictionary.builder()
                .put("name", meta.name())
                .put("piece length", layout.pieceLength);
        if (meta.isPrivate()) {
            info.put("private", 1);
        }
        byte[][] roots = new byte[layout.entries.size()][];
        if (meta.version().hasV2()) {
            for (int i = 0; i < roots.length; i++) {
                roots[i] = fileRoot(layout, layout.entries.get(i), layers[i]);
            }
            info.put("meta version", 2);
            info.put("file tree", fileTree(layout, roots));
        }
        if (meta.version().hasV1()) {
            if (layout.singleFile) {
                info.put("length", layout.entries.get(0).length());
            } else {
                info.put("files", fileList(layout));
            }
            info.put("pieces", v1Hashes);
        }
        BDictionary.Builder root = BDictionary.builder().put("info", info.build());
        List<String> all = new ArrayList<>();
        meta.trackers().forEach(all::addAll);
        if (!all.isEmpty()) {
            root.put("announce", all.get(0));
        }
        if (all.size() > 1) {
            List<BValue> tiers = new ArrayList<>();
            for (List<String> tier : meta.trackers()) {
                tiers.add(strings(tier));
            }
            root.put("announce-list", BList.of(tiers));
        }
        if (!meta.webSeeds().isEmpty()) {
            root.put("url-list", strings(meta.webSeeds()));
        }
        if (meta.comment() != null) {
            root.put("comment", meta.comment());
        }
        if (meta.createdBy() != null) {
            root.put("created by", meta.createdBy());
        }
        if (meta.creationDate() != null) {
            root.put("creation date", meta.creationDate().getEpochSecond());
        }
        if (meta.version().hasV2()) {
            BDictionary.Builder pieceLayers = BDictionary.builder();
            for (int i = 0; i < roots.length; i++) {
                if (layout.entries.get(i).length() > layout.pieceLength) {
                    pieceLayers.put(roots[i], BString.of(layers[i]));
                }
            }
            root.put("piece layers", pieceLayers.build());
        }
        return BencodeEncoder.encode(root.build());
    }

    /** The file's {@code pieces root}: over its piece hashes, or its one piece hash. */
    private static byte[] fileRoot(CreatorLayout layout, CreatorLayout.Entry e, byte[] layer) {
        if (e.length() == 0) {
            return null;
        }
        int pieces = layer.length / Merkle.HASH_SIZE;
        if (pieces == 1) {
            return layer.clone();
        }
        return Merkle.root(layer, 0, pieces, Merkle.nextPowerOfTwo(pieces),
                Merkle.pad(layout.pieceLength / Merkle.BLOCK_SIZE), Merkle.sha256());
    }

    private static BList fileList(CreatorLayout layout) {
        List<BValue> files = new ArrayList<>();
        for (CreatorLayout.Entry e : layout.entries) {
            files.add(BDictionary.builder().put("length", e.length()).put("path", strings(e.path())).build());
            if (e.padAfter() > 0) {
                String size = Long.toString(e.padAfter());
                files.add(BDictionary.builder().put("attr", "p").put("length", e.padAfter())
                        .put("path", strings(List.of(".pad", size))).build());
            }
        }
        return BList.of(files);
    }

    /** BEP 52 {@code file tree}: directories as dictionaries, each file as {@code {"": {length, pieces root}}}. */
    private static BDictionary fileTree(CreatorLayout layout, byte[][] roots) {
        Map<String, Object> top = new TreeMap<>();
        for (int i = 0; i < layout.entries.size(); i++) {
            CreatorLayout.Entry e = layout.entries.get(i);
            Map<String, Object> dir = top;
            List<String> path = e.path();
            for (int c = 0; c < path.size() - 1; c++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) dir.computeIfAbsent(path.get(c), k -> new TreeMap<>());
                dir = sub;
            }
            BDictionary.Builder file = BDictionary.builder().put("length", e.length());
            if (roots[i] != null) {
                file.put("pieces root", roots[i]);
            }
            dir.put(path.get(path.size() - 1), BDictionary.builder().put("", file.build()).build());
        }
        return toDictionary(top);
    }

    private static BDictionary toDictionary(Map<String, Object> dir) {
        BDictionary.Builder b = BDictionary.builder();
        for (Map.Entry<String, Object> e : dir.entrySet()) {
            if (e.getValue() instanceof BDictionary file) {
                b.put(e.getKey(), file);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> sub = (Map<String, Object>) e.getValue();
                b.put(e.getKey(), toDictionary(sub));
            }
        }
        return b.build();
    }

    private static BList strings(List<String> values) {
        List<BValue> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(BString.of(v));
        }
        return BList.of(out);
    }
}
