package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import java.util.ArrayList;
import java.util.List;

/** Reads lists of path components (v1 {@code path}, BEP 47 {@code symlink path}), received and sanitised. */
final class PathComponents {
    private PathComponents() {
    }

    /** Appends each component of {@code list} as received and sanitised; fails past {@code maxDepth} components. */
    static void read(BList list, String field, int maxDepth, List<String> received, List<String> sanitized) {
        if (list.size() > maxDepth) {
            throw Fields.error(MetainfoError.LIMIT_EXCEEDED, field, list,
                    "path depth: " + list.size() + " (expected: <= " + maxDepth + ")");
        }
        int i = 0;
        for (BValue v : list) {
            BString s = Fields.asString(v, field + "[" + i++ + "]");
            received.add(s.utf8());
            sanitized.add(SafePaths.sanitizeComponent(s.buffer()));
        }
    }

    /**
     * @return the sanitised {@code symlink path} of a file whose attributes say {@code l},
     *         or empty: libtorrent treats a link without a target as a plain empty file
     */
    static List<String> symlinkTarget(BDictionary file, String attr, String field, int maxDepth) {
        if (attr.indexOf('l') < 0) {
            return List.of();
        }
        BList p = Fields.optList(file, "symlink path", field + ".symlink path");
        if (p == null || p.isEmpty()) {
            return List.of();
        }
        List<String> sanitized = new ArrayList<>();
        read(p, field + ".symlink path", maxDepth, new ArrayList<>(), sanitized);
        return List.copyOf(sanitized);
    }

    /** @return the BEP 47 {@code attr} string of a file dictionary, {@code ""} when absent */
    static String attributes(BDictionary file, String field) {
        BString attr = Fields.optString(file, "attr", field + ".attr");
        return attr == null ? "" : attr.utf8();
    }
}
