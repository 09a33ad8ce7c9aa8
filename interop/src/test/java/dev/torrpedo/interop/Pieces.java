package dev.torrpedo.interop;

import dev.torrpedo.metainfo.FileSlice;
import dev.torrpedo.metainfo.SafePaths;
import dev.torrpedo.metainfo.Torrent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a torrent's pieces from files on disk, pad bytes as zeros. */
final class Pieces {
    private Pieces() {
    }

    static ByteBuffer read(Torrent t, Path root, int piece) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(t.pieceSize(piece));
        for (FileSlice s : t.fileTree().slices(piece, 0, t.pieceSize(piece))) {
            ByteBuffer part = out.slice();
            part.limit((int) s.length());
            if (!s.pad()) {
                try (FileChannel ch = FileChannel.open(SafePaths.resolveUnder(root, t.files().get(s.fileIndex())),
                        StandardOpenOption.READ)) {
                    while (part.hasRemaining()) {
                        if (ch.read(part, s.fileOffset() + part.position()) < 0) {
                            throw new IOException("short file " + t.files().get(s.fileIndex()));
                        }
                    }
                }
            }
            out.position(out.position() + (int) s.length());
        }
        return out.flip();
    }
}
