package dev.torrpedo.engine.internal.webseed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentFile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts of web seeds: URLs, Content-Range, the verdict on a reply, block assembly. */
class WebSeedReplyTest {
    @TempDir
    Path dir;

    @Test
    void contentRanges() {
        assertEquals(new ContentRange(0, 99, 1000), ContentRange.parse("bytes 0-99/1000"));
        assertEquals(new ContentRange(5, 5, -1), ContentRange.parse("bytes 5-5/*"));
        assertEquals(new ContentRange(1, 2, 3), ContentRange.parse(" BYTES 1-2/3 "));
        for (String bad : new String[] {null, "", "bytes", "bytes 5-4/10", "bytes 0-10/10", "bytes -1-2/3",
            "bytes 1-2", "bits 1-2/3", "bytes 1-2/3,4-5/6", "bytes 0-99999999999999999999/*", "bytes 1 - 2/3",
            "bytes 1-2/x", "bytes1-2/3"}) {
            assertNull(ContentRange.parse(bad), bad);
        }
    }

    @Test
    void verdicts() {
        assertEquals(new WebSeedReply.Accept(100), WebSeedReply.of(206, "bytes 50-149/1000", "100", null, 50, 100, 1000));
        assertInstanceOf(WebSeedReply.Fail.class, WebSeedReply.of(206, "bytes 0-99/1000", "100", null, 50, 100, 1000));
        assertInstanceOf(WebSeedReply.Fail.class, WebSeedReply.of(206, "bytes 50-149/999", null, null, 50, 100, 1000));
        assertInstanceOf(WebSeedReply.Fail.class, WebSeedReply.of(206, "bytes 50-149/1000", "99", null, 50, 100, 1000));
        assertEquals(new WebSeedReply.Accept(1000), WebSeedReply.of(200, null, "1000", null, 0, 1000, 1000));
        assertInstanceOf(WebSeedReply.Fail.class, WebSeedReply.of(200, null, "1000", null, 50, 100, 1000));
        assertEquals(new WebSeedReply.Redirect("/x"), WebSeedReply.of(302, null, "0", " /x ", 0, 1, 1000));
        assertInstanceOf(WebSeedReply.Fail.class, WebSeedReply.of(301, null, null, null, 0, 1, 1000));
        assertInstanceOf(WebSeedReply.Retry.class, WebSeedReply.of(503, null, null, null, 0, 1, 1000));
        assertInstanceOf(WebSeedReply.Retry.class, WebSeedReply.of(429, null, null, null, 0, 1, 1000));
        assertInstanceOf(WebSeedReply.Fail.class, WebSeedReply.of(404, null, null, null, 0, 1, 1000));
    }

    @Test
    void urlsFollowBep19() throws Exception {
        Path multi = Files.createDirectories(dir.resolve("my dir"));
        Files.write(multi.resolve("a b.bin"), new byte[10]);
        Files.createDirectories(multi.resolve("sub"));
        Files.write(multi.resolve("sub/ü.txt"), new byte[3]);
        Torrent m = TorrentCreator.builder(multi).pieceLength(16384).build().create();
        List<String> urls = new ArrayList<>();
        for (TorrentFile f : m.files()) {
            if (f.isPad()) {
                continue;
            }
            urls.add(WebSeedUrls.fileUrl(URI.create("http://h/files"), f).toString());
        }
        assertEquals(List.of("http://h/files/my%20dir/a%20b.bin", "http://h/files/my%20dir/sub/%C3%BC.txt"), urls);
        Path single = dir.resolve("one.bin");
        Files.write(single, new byte[5]);
        TorrentFile one = TorrentCreator.builder(single).pieceLength(16384).build().create().files().get(0);
        assertEquals("http://h/get?id=1", WebSeedUrls.fileUrl(URI.create("http://h/get?id=1"), one).toString());
        assertEquals("http://h/d/one.bin", WebSeedUrls.fileUrl(URI.create("http://h/d/"), one).toString());
        for (String bad : new String[] {"ftp://h/x", "/relative", "http:///nohost", "http://h/x#frag", "not a url"}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> WebSeedUrls.parse(bad), bad);
        }
    }

    @Test
    void blocksAreCutWhateverTheSplits() {
        long[] run = {blockAddress(3, 1), blockAddress(3, 2), blockAddress(4, 0)};
        BlockAssembler a = new BlockAssembler(ByteBufAllocator.DEFAULT, run, x -> x == run[1] ? 100 : 16384);
        List<Long> got = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        BlockAssembler.Sink sink = (address, data) -> {
            got.add(address);
            sizes.add(data.readableBytes());
            data.release();
        };
        ByteBuf first = Unpooled.wrappedBuffer(new byte[16000]);
        a.append(first, sink);
        a.zeros(484, sink);
        assertEquals(2, got.size(), "16384 + 100 bytes: two blocks");
        ByteBuf rest = Unpooled.wrappedBuffer(new byte[16384]);
        a.append(rest, sink);
        assertEquals(List.of(run[0], run[1], run[2]), got);
        assertEquals(List.of(16384, 100, 16384), sizes);
        assertEquals(true, a.done());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> a.append(Unpooled.wrappedBuffer(new byte[1]), sink));
        first.release();
        rest.release();
    }

    static long blockAddress(int piece, int block) {
        return dev.torrpedo.engine.internal.picker.BlockAddress.of(piece, block);
    }
}
