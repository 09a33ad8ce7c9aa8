package dev.torrpedo.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PeerMessageCodecTest {

    @Test
    void everyMessageKindHasAGoldenFrame() {
        Map<PeerMessage, String> frames = Golden.frames();
        java.util.EnumSet<MessageType> seen = java.util.EnumSet.noneOf(MessageType.class);
        frames.keySet().forEach(m -> seen.add(m.type()));
        assertEquals(java.util.EnumSet.allOf(MessageType.class), seen);
        Wire.release(new ArrayList<>(frames.keySet()));
    }

    @Test
    void encodesToTheGoldenBytes() {
        Map<PeerMessage, String> frames = Golden.frames();
        for (Map.Entry<PeerMessage, String> e : frames.entrySet()) {
            ByteBuf out = Unpooled.buffer();
            PeerMessageEncoder.encode(e.getKey(), out);
            assertEquals(Wire.hex(Wire.hex(e.getValue())), Wire.hex(Wire.bytes(out)), e.getKey().toString());
            assertEquals(out.readableBytes(), PeerMessageEncoder.frameLength(e.getKey()));
            out.release();
        }
        Wire.release(new ArrayList<>(frames.keySet()));
    }

    @Test
    void encoderHandlerWritesTheGoldenBytesAndSendsPieceBlocksWithoutCopying() {
        Map<PeerMessage, String> frames = Golden.frames();
        EmbeddedChannel ch = new EmbeddedChannel(new PeerMessageEncoder());
        for (Map.Entry<PeerMessage, String> e : frames.entrySet()) {
            ByteBuf block = e.getKey() instanceof PeerMessage.Piece p ? p.block() : null;
            assertTrue(ch.writeOutbound(e.getKey()));
            if (block != null) {
                ByteBuf header = ch.readOutbound();
                ByteBuf body = ch.readOutbound();
                assertTrue(body == block || body.unwrap() == block, "the block itself is written");
                assertEquals(e.getValue().replace(" ", ""), Wire.hex(Wire.bytes(header)) + Wire.hex(Wire.bytes(body)));
                header.release();
                body.release();
                assertEquals(0, block.refCnt(), "the encoder released the writer's reference");
            } else {
                assertArrayEquals(Wire.hex(e.getValue()), Wire.outboundBytes(ch), e.getKey().toString());
            }
        }
        assertFalse(ch.finish());
    }

    @Test
    void decodesTheGoldenBytes() {
        Map<PeerMessage, String> frames = Golden.frames();
        for (Map.Entry<PeerMessage, String> e : frames.entrySet()) {
            ByteBuf in = Unpooled.wrappedBuffer(Wire.hex(e.getValue()));
            PeerMessage m = PeerMessageDecoder.decode(in, WireLimits.DEFAULT);
            assertEquals(e.getKey(), m);
            assertFalse(in.isReadable(), "the whole frame is consumed");
            ReferenceCountUtil.release(m);
            in.release();
        }
        Wire.release(new ArrayList<>(frames.keySet()));
    }

    @Test
    void everyTruncatedFrameNeedsMoreBytesAndConsumesNothing() {
        Map<PeerMessage, String> frames = Golden.frames();
        for (String hex : frames.values()) {
            byte[] frame = Wire.hex(hex);
            for (int n = 0; n < frame.length; n++) {
                ByteBuf in = Unpooled.wrappedBuffer(frame, 0, n);
                assertNull(PeerMessageDecoder.decode(in, WireLimits.DEFAULT), hex + " cut at " + n);
                assertEquals(0, in.readerIndex());
                in.release();
            }
        }
        Wire.release(new ArrayList<>(frames.keySet()));
    }

    /** All golden frames in one stream, fed three ways, give the same messages; every buffer is released. */
    @ParameterizedTest
    @EnumSource(Wire.Feed.class)
    void streamFedWholeByteByByteOrInRandomSplitsDecodesTheSame(Wire.Feed feed) {
        Map<PeerMessage, String> frames = Golden.frames();
        ByteBuf stream = Unpooled.buffer();
        for (int round = 0; round < 3; round++) {
            frames.values().forEach(h -> stream.writeBytes(Wire.hex(h)));
        }
        byte[] bytes = Wire.bytes(stream);
        stream.release();
        for (long seed = 0; seed < (feed == Wire.Feed.RANDOM_SPLITS ? 20 : 1); seed++) {
            EmbeddedChannel ch = new EmbeddedChannel(new PeerMessageDecoder(WireLimits.DEFAULT));
            List<ByteBuf> fed = Wire.feed(ch, bytes, feed, new Random(seed));
            List<Object> got = Wire.inbound(ch);
            List<Object> expected = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                expected.addAll(frames.keySet());
            }
            assertEquals(expected, got);
            Wire.release(got);
            assertFalse(ch.finish());
            Wire.assertReleased(fed);
        }
        Wire.release(new ArrayList<>(frames.keySet()));
    }

    @Test
    void aPieceBlockIsASliceOfTheInputNotACopy() {
        byte[] frame = Wire.hex("0000000c 07 00000001 00000000 616263");
        ByteBuf in = Unpooled.wrappedBuffer(frame);
        PeerMessage.Piece p = (PeerMessage.Piece) PeerMessageDecoder.decode(in, WireLimits.DEFAULT);
        assertEquals(2, in.refCnt(), "the block holds a reference to the input");
        frame[13] = 'X';
        assertEquals('X', p.block().getByte(p.block().readerIndex()), "no copy was made");
        assertTrue(p.release() == false);
        assertTrue(in.release());
    }

    @Test
    void inAPipelineABlockWithinOneReadIsASliceOfItAndABlockAcrossTwoReadsACopy() {
        // read 1: a whole piece frame and the next up to its block's first byte; read 2: the rest
        byte[] frames = Wire.hex("0000000c 07 00000001 00000000 616263" + "0000000c 07 00000002 00000000 646566");
        byte[] first = java.util.Arrays.copyOfRange(frames, 0, 30);
        byte[] second = java.util.Arrays.copyOfRange(frames, 30, frames.length);
        ByteBuf read1 = Unpooled.wrappedBuffer(first);
        ByteBuf read2 = Unpooled.wrappedBuffer(second);
        EmbeddedChannel ch = new EmbeddedChannel(new PeerMessageDecoder(WireLimits.DEFAULT));
        ch.writeInbound(read1);
        ch.writeInbound(read2);
        PeerMessage.Piece whole = ch.readInbound();
        PeerMessage.Piece split = ch.readInbound();
        assertEquals(List.of(1, 2), List.of(whole.piece(), split.piece()));
        assertArrayEquals("abc".getBytes(), ByteBufUtil.getBytes(whole.block()));
        assertArrayEquals("def".getBytes(), ByteBufUtil.getBytes(split.block()));
        first[13] = 'X';
        assertEquals('X', whole.block().getByte(whole.block().readerIndex()), "the block within one read was not copied");
        first[29] = 'Y'; // the split block's 'd', the last byte of read 1
        assertEquals('d', split.block().getByte(split.block().readerIndex()), "the block across reads is a copy");
        assertEquals(1, split.block().nioBufferCount(), "one buffer, for storage to write as is");
        assertTrue(split.release());
        whole.release();
        assertFalse(ch.finish());
        Wire.assertReleased(List.of(read1, read2));
    }

    @Test
    void aLengthOverTheLimitFailsAsSoonAsItsFourBytesArrive() {
        ByteBuf in = Unpooled.wrappedBuffer(Wire.hex("00100001"));
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> PeerMessageDecoder.decode(in, WireLimits.DEFAULT));
        assertEquals((1 << 20) + 1, e.value());
        assertEquals(1 << 20, e.limit());
        in.release();
        ByteBuf max = Unpooled.wrappedBuffer(Wire.hex("ffffffff"));
        assertThrows(LimitExceededException.class, () -> PeerMessageDecoder.decode(max, WireLimits.DEFAULT));
        max.release();
    }

    @Test
    void aBitfieldOfExactlyTheLimitIsWaitedFor() {
        ByteBuf in = Unpooled.wrappedBuffer(Wire.hex("00100000 05"));
        assertNull(PeerMessageDecoder.decode(in, WireLimits.DEFAULT));
        in.release();
    }

    @Test
    void aPieceOverBlockPlusNineFailsAsSoonAsItsIdArrives() {
        ByteBuf ok = Unpooled.wrappedBuffer(Wire.hex("00004009 07"));
        assertNull(PeerMessageDecoder.decode(ok, WireLimits.DEFAULT), "16 KiB + 9 is allowed");
        ok.release();
        ByteBuf in = Unpooled.wrappedBuffer(Wire.hex("0000400a 07"));
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> PeerMessageDecoder.decode(in, WireLimits.DEFAULT));
        assertEquals("piece.block", e.field());
        in.release();
    }

    @Test
    void fixedLengthMessagesWithAnotherLengthAreMalformed() {
        for (String hex : List.of("00000002 00", "00000004 04", "0000000c 06", "00000002 0e", "00000004 09",
                "00000030 15", "00000050 16", "00000001 14", "00000008 07")) {
            ByteBuf in = Unpooled.wrappedBuffer(Wire.hex(hex));
            assertThrows(MalformedMessageException.class, () -> PeerMessageDecoder.decode(in, WireLimits.DEFAULT), hex);
            in.release();
        }
    }

    @Test
    void bitfieldSpareBitsAndLengthAreChecked() {
        PeerMessage.Bitfield b = new PeerMessage.Bitfield(new byte[] {(byte) 0xFF, (byte) 0x80});
        b.checkPieceCount(9);
        assertTrue(b.has(8));
        assertFalse(b.has(9));
        MalformedMessageException spare = assertThrows(MalformedMessageException.class, () -> b.checkPieceCount(8));
        assertEquals("bitfield.length", spare.field());
        PeerMessage.Bitfield withSpare = new PeerMessage.Bitfield(new byte[] {(byte) 0xFF, (byte) 0xC0});
        assertEquals("bitfield.spare", assertThrows(MalformedMessageException.class,
                () -> withSpare.checkPieceCount(9)).field());
        java.util.BitSet set = new java.util.BitSet();
        set.set(0);
        set.set(8);
        assertEquals(new PeerMessage.Bitfield(new byte[] {(byte) 0x80, (byte) 0x80}), PeerMessage.Bitfield.of(set, 9));
        assertEquals(set, PeerMessage.Bitfield.of(set, 9).toBitSet());
    }

    @Test
    void aDecoderErrorInTheHandlerIsTheTypedException() {
        EmbeddedChannel ch = new EmbeddedChannel(new PeerMessageDecoder(WireLimits.DEFAULT));
        ByteBuf bad = Unpooled.wrappedBuffer(Wire.hex("7fffffff"));
        assertThrows(LimitExceededException.class, () -> ch.writeInbound(bad));
        assertEquals(0, bad.refCnt(), "the bad input is dropped at once");
        ByteBuf more = Unpooled.wrappedBuffer(Wire.hex("00000001 00"));
        assertTrue(ch.writeInbound(more) == false, "after a breach nothing more is decoded");
        assertEquals(0, more.refCnt());
        assertFalse(ch.finish());
    }
}
