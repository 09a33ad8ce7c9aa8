package dev.torrpedo.wire;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.wire.mse.EncryptionEstablished;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Decodes the remote peer's 68-byte {@link Handshake}, then removes itself from the
 * pipeline; the bytes that followed the handshake go on to the next handler.
 *
 * <p>The {@code info_hash} field is matched against a {@link TorrentLookup}: for an
 * outbound connection, {@link TorrentLookup#only(InfoHash)} the torrent we dialled for;
 * for an inbound one, the session's torrents. If an MSE/PE handshake already named the
 * torrent ({@link EncryptionEstablished#infoHash()}), the handshake must name the same one.
 *
 * <p>Failures are {@link HandshakeException}s. The parsing itself is
 * {@link #decode(ByteBuf, TorrentLookup)}: pure, and usable without Netty's pipeline.
 */
public final class HandshakeDecoder extends ByteToMessageDecoder {
    private TorrentLookup lookup;
    private boolean failed;

    /** @param lookup how the {@code info_hash} field is matched to one of our torrents */
    public HandshakeDecoder(TorrentLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes()); // the connection is closing: drop what is still arriving
            return;
        }
        Handshake h;
        try {
            h = decode(in, lookup);
        } catch (WireException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (h != null) {
            out.add(h);
            ctx.pipeline().remove(this);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof EncryptionEstablished e && e.infoHash() != null) {
            lookup = TorrentLookup.only(e.infoHash());
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * Reads one handshake from {@code in} if all 68 bytes are there. Checks the protocol
     * string as soon as its bytes arrive, so a peer that speaks something else is refused
     * early.
     *
     * @return the handshake (68 bytes consumed), or {@code null} if more bytes are needed (none consumed)
     * @throws HandshakeException if the protocol string is wrong or the torrent is unknown
     */
    public static Handshake decode(ByteBuf in, TorrentLookup lookup) {
        int r = in.readerIndex();
        int avail = in.readableBytes();
        if (!Handshake.startsLikeHandshake(in, r, avail)) {
            int first = in.getUnsignedByte(r);
            throw new HandshakeException("pstr", first == 19 ? "not \"BitTorrent protocol\""
                    : "length byte " + first + " (expected: 19)");
        }
        if (avail < Handshake.LENGTH) {
            return null;
        }
        long reserved = in.getLong(r + 20);
        byte[] hash = new byte[20];
        in.getBytes(r + 28, hash);
        byte[] id = new byte[20];
        in.getBytes(r + 48, id);
        InfoHash torrent = lookup.find(hash);
        if (torrent == null) {
            throw new HandshakeException("info_hash", HexFormat.of().formatHex(hash) + " is not one of our torrents");
        }
        boolean truncatedV2 = !(torrent.hasV1() && Arrays.equals(torrent.v1(), hash));
        in.skipBytes(Handshake.LENGTH);
        return new Handshake(new Reserved(reserved), torrent, truncatedV2, PeerId.of(id));
    }
}
