package dev.torrpedo.metainfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renames files whose sanitised paths collide, ignoring case (as on Windows and macOS),
 * with each other or with a directory of another file: the second {@code a.txt} becomes
 * {@code a.1.txt}, as libtorrent does. Pad files are never on disk and are left alone.
 */
final class DuplicateNames {
    private static final int MAX_EXTENSION = 16;
    private DuplicateNames() {
    }

    /**
     * @return the safe paths, renamed where they collide, in the order of {@code files}
     * @throws MetainfoException {@link MetainfoError#LIMIT_EXCEEDED} when more than
     *         {@code maxRenames} files had to be renamed
     */
    static List<List<String>> resolve(List<RawFile> files, int maxRenames, String field) {
        Set<String> dirs = new HashSet<>();
        for (RawFile f : files) {
            if (f.pad()) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < f.safe().size() - 1; i++) {
                if (i > 0) {
                    sb.append('/');
                }
                sb.append(f.safe().get(i).toLowerCase(Locale.ROOT));
                dirs.add(sb.toString());
            }
        }
        Set<String> taken = new HashSet<>();
        Map<String, Integer> nextSuffix = new HashMap<>();
        List<List<String>> out = new ArrayList<>(files.size());
        int renamed = 0;
        for (RawFile f : files) {
            List<String> safe = f.safe();
            if (f.pad()) {
                out.add(safe);
                continue;
            }
            String key = key(safe, safe.get(safe.size() - 1));
            if (!dirs.contains(key) && taken.add(key)) {
                out.add(safe);
                continue;
            }
            if (++renamed > maxRenames) {
                throw new MetainfoException(MetainfoError.LIMIT_EXCEEDED, field,
                        "more than " + maxRenames + " files with duplicate names");
            }
            String last = safe.get(safe.size() - 1);
            int dot = last.lastIndexOf('.');
            if (dot > 0 && last.length() - dot > MAX_EXTENSION) {
                dot = -1; // a long "extension" is part of the name; the suffix goes last
            }
            String base = dot > 0 ? last.substring(0, dot) : last;
            String ext = dot > 0 ? last.substring(dot) : "";
            int n = nextSuffix.getOrDefault(key, 1);
            while (true) {
                String candidate = SafePaths.withSuffix(base, "." + n + ext);
                n++;
                String candidateKey = key(safe, candidate);
                if (!dirs.contains(candidateKey) && taken.add(candidateKey)) {
                    nextSuffix.put(key, n);
                    List<String> renamedPath = new ArrayList<>(safe);
                    renamedPath.set(renamedPath.size() - 1, candidate);
                    out.add(List.copyOf(renamedPath));
                    break;
                }
            }
        }
        return out;
    }

    private static String key(List<String> safe, String last) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < safe.size() - 1; i++) {
            sb.append(safe.get(i).toLowerCase(Locale.ROOT)).append('/');
        }
        return sb.append(last.toLowerCase(Locale.ROOT)).toString();
    }
}
