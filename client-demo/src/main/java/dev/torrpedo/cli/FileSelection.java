package dev.torrpedo.cli;

import dev.torrpedo.metainfo.TorrentFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files chosen with {@code --select 0,3-5}: indices as {@code torrpedo info} lists them
 * (the torrent's own file indices, counted from 0, as BEP 53 counts them), single or as
 * inclusive ranges. Ranges are sorted and merged, so equal selections are equal records.
 *
 * @param ranges sorted, disjoint, non-adjacent ranges; never empty
 */
public record FileSelection(List<Range> ranges) {
    /** Longest {@code --select} text accepted. */
    public static final int MAX_TEXT = 10_000;
    /** Most comma-separated items accepted. */
    public static final int MAX_ITEMS = 1_000;
    private static final Pattern ITEM = Pattern.compile("(\\d{1,10})(?:\\s*-\\s*(\\d{1,10}))?");

    /**
     * Indices {@code first} to {@code last}, both included.
     *
     * @param first the first index, >= 0
     * @param last  the last index, >= first
     */
    public record Range(int first, int last) {
        /** Checks {@code 0 <= first <= last}. */
        public Range {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("range " + first + "-" + last + " (expected: 0 <= first <= last)");
            }
        }

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }

    /** Sorts and merges {@code ranges}. */
    public FileSelection {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no file selected");
        }
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            Range prev = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (prev != null && (long) r.first() <= (long) prev.last() + 1) {
                merged.set(merged.size() - 1, new Range(prev.first(), Math.max(prev.last(), r.last())));
            } else {
                merged.add(r);
            }
        }
        ranges = List.copyOf(merged);
    }

    /**
     * Parses {@code 1,3-5}: comma-separated indices and inclusive ranges; blanks around
     * items are allowed.
     *
     * @throws IllegalArgumentException naming the item that is wrong
     */
    public static FileSelection parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty file selection (expected: file indices from 'torrpedo info',"
                    + " as 0,3-5)");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("file selection of " + text.length() + " characters (expected: <= "
                    + MAX_TEXT + ")");
        }
        String[] items = text.split(",", -1);
        if (items.length > MAX_ITEMS) {
            throw new IllegalArgumentException("file selection of " + items.length + " items (expected: <= "
                    + MAX_ITEMS + ")");
        }
        List<Range> ranges = new ArrayList<>(items.length);
        for (String raw : items) {
            String item = raw.strip();
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + item + "' in '" + text.strip() + "' is not a file index or a"
                        + " range (expected: as 0,3-5)");
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2) == null ? first : Long.parseLong(m.group(2));
            if (last > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + item + "': file index " + last + " is too large");
            }
            if (last < first) {
                throw new IllegalArgumentException("'" + item + "' is a backwards range (expected: FIRST-LAST with"
                        + " FIRST <= LAST)");
            }
            ranges.add(new Range((int) first, (int) last));
        }
        return new FileSelection(ranges);
    }

    /** @return whether file {@code index} is selected */
    public boolean contains(int index) {
        for (Range r : ranges) {
            if (index < r.first()) {
                return false;
            }
            if (index <= r.last()) {
                return true;
            }
        }
        return false;
    }

    /** @return the highest index selected */
    public int maxIndex() {
        return ranges.get(ranges.size() - 1).last();
    }

    /**
     * @throws IllegalArgumentException if an index is not below {@code fileCount}, with a
     *         message that names the index and the valid range
     */
    public void validate(int fileCount) {
        if (maxIndex() >= fileCount) {
            throw new IllegalArgumentException("file " + firstMissing(fileCount) + " does not exist (the torrent has "
                    + fileCount + (fileCount == 1 ? " file: 0)" : " files: 0-" + (fileCount - 1) + ")"));
        }
    }

    /**
     * The file priorities for the engine: 1 for a selected file, 0 (skip) for the rest.
     *
     * @throws IllegalArgumentException as {@link #validate(int)}
     */
    public int[] priorities(int fileCount) {
        validate(fileCount);
        int[] priorities = new int[fileCount];
        for (Range r : ranges) {
            for (int i = r.first(); i <= r.last(); i++) {
                priorities[i] = 1;
            }
        }
        return priorities;
    }

    /**
     * The file priorities for a torrent's files: as {@link #priorities(int)}, and a
     * selected pad file (BEP 47, which {@code info} does not list) is refused.
     *
     * @throws IllegalArgumentException for an index past the last file, or a pad file
     */
    public int[] priorities(List<TorrentFile> files) {
        int[] priorities = priorities(files.size());
        for (TorrentFile f : files) {
            if (f.isPad() && priorities[f.index()] != 0) {
                throw new IllegalArgumentException("file " + f.index() + " is padding, not one of the files that"
                        + " 'torrpedo info' lists");
            }
        }
        return priorities;
    }

    private int firstMissing(int fileCount) {
        for (Range r : ranges) {
            if (r.last() >= fileCount) {
                return Math.max(r.first(), fileCount);
            }
        }
        throw new IllegalStateException("nothing missing");
    }

    /** @return the selection in its canonical form, as {@code 0,3-5} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }
}
