package dev.torrpedo.engine.internal.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.MetadataData;
import dev.torrpedo.wire.extension.MetadataReject;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetadataPiecesTest {

    @Test
    void thePiecesPutTogetherAreTheInfoDictionaryAndPastTheEndIsRejected() {
        byte[] hashes = new byte[20 * 2000]; // ~40 KiB of info dictionary: three metadata pieces
        new SplittableRandom(1).nextBytes(hashes);
        BDictionary info = BDictionary.builder().put("length", BInteger.of(2000L * 16384)).put("name", BString.of("m.bin"))
                .put("piece length", BInteger.of(16384)).put("pieces", BString.of(hashes)).build();
        byte[] torrent = BencodeEncoder.encode(BDictionary.builder().put("info", info).build());
        Torrent t = Torrent.parse(torrent);
        byte[] raw = t.rawInfo();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int pieces = (raw.length + MetadataPieces.PIECE - 1) / MetadataPieces.PIECE;
        assertEquals(3, pieces);
        for (int i = 0; i < pieces; i++) {
            ExtensionMessage m = MetadataPieces.answer(t, i);
            assertTrue(m instanceof MetadataData, m.toString());
            MetadataData d = (MetadataData) m;
            assertEquals(raw.length, d.totalSize());
            joined.writeBytes(d.data());
        }
        assertArrayEquals(raw, joined.toByteArray());
        assertTrue(MetadataPieces.answer(t, pieces) instanceof MetadataReject);
        assertTrue(MetadataPieces.answer(t, -1) instanceof MetadataReject);
    }
}
