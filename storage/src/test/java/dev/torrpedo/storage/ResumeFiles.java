package dev.torrpedo.storage;

import dev.torrpedo.metainfo.FileSlice;
import dev.torrpedo.metainfo.SafePaths;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;

/** Reads resume data and files the way an independent checker would: no storage code involved but the parser. */
final class ResumeFiles {
    private ResumeFiles() {
    }

    /** @return the verified pieces a resume file records; fails if it is unreadable */
    static BitSet verifiedPieces(Path resume, Torrent t) throws IOException {
        return dev.torrpedo.storage.internal.ResumeDataAccess.verified(Files.readAllBytes(resume), t);
    }

    /** Reads piece {@code p} from the files under {@code root} (pad bytes and missing bytes as zeros). */
    static ByteBuffer readPiece(Torrent t, Path root, int p) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(t.pieceSize(p));
        for (FileSlice s : t.fileTree().slices(p, 0, t.pieceSize(p))) {
            ByteBuffer d = out.duplicate();
            d.limit(d.position() + (int) s.length());
            if (!s.pad()) {
                TorrentFile f = t.files().get(s.fileIndex());
                try (FileChannel ch = FileChannel.open(SafePaths.resolveUnder(root, f), StandardOpenOption.READ)) {
                    long at = s.fileOffset();
                    while (d.hasRemaining()) {
                        int n = ch.read(d, at);
                        if (n < 0) {
                            break;
                        }
                        at += n;
                    }
                } catch (NoSuchFileException e) {
                    // zeros
                }
            }
            out.position(out.position() + (int) s.length());
        }
        return out.flip();
    }
}
