package dev.torrpedo.storage.internal;

import dev.torrpedo.metainfo.Torrent;
import java.io.IOException;
import java.util.BitSet;

/** Lets tests in the API package parse resume data with the real parser. */
public final class ResumeDataAccess {
    private ResumeDataAccess() {
    }

    /** @return the verified pieces, or an IOException naming the field if the bytes are not resume data for {@code t} */
    public static BitSet verified(byte[] bytes, Torrent t) throws IOException {
        try {
            return ResumeDataCodec.parse(bytes, new ResumeDataCodec.Geometry(t.infoHash().id(), t.pieceLength(),
                    t.pieceCount(), t.files().size())).verified();
        } catch (ResumeDataException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
