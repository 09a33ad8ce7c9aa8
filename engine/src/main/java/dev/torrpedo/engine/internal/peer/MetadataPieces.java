package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.MetadataData;
import dev.torrpedo.wire.extension.MetadataReject;
import java.nio.ByteBuffer;

/**
 * Answers a peer's {@code ut_metadata} request (BEP 9) from the torrent's info dictionary,
 * exactly as received: 16 KiB pieces, the last one shorter; a piece past the end is rejected.
 */
final class MetadataPieces {
    /** The size of a metadata piece. */
    static final int PIECE = 16 * 1024;

    private MetadataPieces() {
    }

    /** @return the data of {@code piece}, or a reject if there is no such piece */
    static ExtensionMessage answer(Torrent torrent, int piece) {
        ByteBuffer info = torrent.infoBuffer();
        int total = info.remaining();
        long offset = (long) piece * PIECE;
        if (piece < 0 || offset >= total) {
            return new MetadataReject(Math.max(0, piece));
        }
        byte[] data = new byte[(int) Math.min(PIECE, total - offset)];
        info.position(info.position() + (int) offset);
        info.get(data);
        return new MetadataData(piece, total, data);
    }
}
