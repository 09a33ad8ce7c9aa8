package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.FileStatus;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Files and pieces of one torrent: piece priorities from file priorities (a piece gets the
 * highest priority of the files it overlaps; pad files count for nothing), wanted bytes, and
 * each file's verified bytes.
 */
final class FileLayout {
    private final Torrent torrent;
    private final PieceGeometry geometry;

    FileLayout(Torrent torrent, PieceGeometry geometry) {
        this.torrent = torrent;
        this.geometry = geometry;
    }

    /** @return every file at the default priority */
    static int[] defaultPriorities(Torrent t) {
        int[] p = new int[t.files().size()];
        Arrays.fill(p, PiecePicker.DEFAULT_PRIORITY);
        return p;
    }

    /** @return one priority per piece */
    int[] piecePriorities(int[] filePriorities) {
        int[] prio = new int[geometry.pieceCount()];
        long pl = geometry.pieceLength();
        for (TorrentFile f : torrent.files()) {
            if (f.length() == 0 || f.isPad()) {
                continue;
            }
            int first = (int) (f.offset() / pl);
            int last = (int) ((f.offset() + f.length() - 1) / pl);
            int p = filePriorities[f.index()];
            for (int i = first; i <= last && i < prio.length; i++) {
                prio[i] = Math.max(prio[i], p);
            }
        }
        return prio;
    }

    /** @return the bytes of the pieces with a priority */
    long wanted(int[] piecePriorities) {
        long w = 0;
        for (int i = 0; i < piecePriorities.length; i++) {
            if (piecePriorities[i] > 0) {
                w += geometry.pieceLength(i);
            }
        }
        return w;
    }

    /** @return the bytes of the pieces with a priority that the picker has */
    long completed(int[] piecePriorities, PiecePicker picker) {
        long done = 0;
        for (int i = 0; i < piecePriorities.length; i++) {
            if (piecePriorities[i] > 0 && picker.has(i)) {
                done += geometry.pieceLength(i);
            }
        }
        return done;
    }

    /** @return each file's status; {@code picker} null before the data was checked */
    List<FileStatus> files(int[] filePriorities, PiecePicker picker) {
        List<FileStatus> out = new ArrayList<>();
        long pieceLength = geometry.pieceLength();
        for (TorrentFile f : torrent.files()) {
            long done = 0;
            if (f.length() > 0 && picker != null) {
                int first = (int) (f.offset() / pieceLength);
                int last = (int) ((f.offset() + f.length() - 1) / pieceLength);
                for (int i = first; i <= last; i++) {
                    if (picker.has(i)) {
                        long start = Math.max(f.offset(), i * pieceLength);
                        long end = Math.min(f.endOffset(), i * pieceLength + geometry.pieceLength(i));
                        done += end - start;
                    }
                }
            }
            out.add(new FileStatus(f.index(), String.join("/", f.safePath()), f.length(), done,
                    f.isPad() ? 0 : filePriorities[f.index()], f.isPad()));
        }
        return out;
    }
}
