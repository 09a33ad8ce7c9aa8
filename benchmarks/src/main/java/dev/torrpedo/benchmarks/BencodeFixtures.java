package dev.torrpedo.benchmarks;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic inputs for the bencode benchmarks. */
final class BencodeFixtures {
    private BencodeFixtures() {
    }

    /**
     * A multi-file .torrent of {@code files} files in 100 directories, with the announce key
     * written after info as real torrents often do (so the input is not canonical).
     */
    static byte[] multiFileTorrent(int files) {
        SplittableRandom random = new SplittableRandom(42);
        long total = 0;
        List<BValue> list = new ArrayList<>(files);
        for (int i = 0; i < files; i++) {
            long length = 1 + random.nextLong(2L << 20);
            total += length;
            list.add(BDictionary.builder()
                    .put("length", length)
                    .put("path", BList.of(BString.of("directory-" + (i % 100)), BString.of("file-" + i + ".bin")))
                    .build());
        }
        int pieceLength = 4 << 20;
        byte[] pieces = new byte[(int) ((total + pieceLength - 1) / pieceLength) * 20];
        random.nextBytes(pieces);
        BDictionary info = BDictionary.builder()
                .put("files", BList.of(list))
                .put("name", "benchmark payload")
                .put("piece length", pieceLength)
                .put("pieces", pieces)
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('d');
        writeKey(out, "info");
        out.writeBytes(BencodeEncoder.encode(info));
        writeKey(out, "announce");
        out.writeBytes(BencodeEncoder.encode(BString.of("http://tracker.example.org:6969/announce")));
        writeKey(out, "comment");
        out.writeBytes(BencodeEncoder.encode(BString.of("10,000 files")));
        writeKey(out, "creation date");
        out.writeBytes("i1764000000e".getBytes(StandardCharsets.US_ASCII));
        out.write('e');
        return out.toByteArray();
    }

    /** A DHT get_peers response (BEP 5) with eight compact nodes and a token. */
    static byte[] dhtGetPeersResponse() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] id = new byte[20];
        byte[] nodes = new byte[8 * 26];
        byte[] token = new byte[8];
        random.nextBytes(id);
        random.nextBytes(nodes);
        random.nextBytes(token);
        BDictionary r = BDictionary.builder().put("id", id).put("nodes", nodes).put("token", token).build();
        return BencodeEncoder.encode(BDictionary.builder()
                .put("t", new byte[] {'a', 'a'})
                .put("y", "r")
                .put("r", r)
                .put("v", new byte[] {'T', 'P', 0, 1})
                .build());
    }

    private static void writeKey(ByteArrayOutputStream out, String key) {
        out.writeBytes(BencodeEncoder.encode(BString.of(key)));
    }
}
