package dev.torrpedo.wire.mse;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.wire.Handshake;
import dev.torrpedo.wire.TorrentLookup;
import dev.torrpedo.wire.internal.MseDiffieHellman;
import dev.torrpedo.wire.internal.Sha1;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The responder (B) of an MSE/PE handshake, for an inbound connection (the steps are on
 * {@link MseInitiatorHandler}). It finds the torrent by searching the caller's torrents for
 * the one whose {@code HASH('req2', SKEY)} the initiator sent, selects a crypto method by
 * its {@link EncryptionPolicy}, and passes the decrypted initial payload on.
 *
 * <p>Under {@link EncryptionPolicy#PREFER} a peer that starts with a plain BitTorrent
 * handshake is let through: the handler removes itself without touching a byte. Under
 * {@link EncryptionPolicy#REQUIRE} that peer is refused. Limits: the initiator's padding
 * is at most 512 bytes, so {@code HASH('req1', S)} must appear within 512 + 20 bytes after
 * its public key; {@code PadC} at most 512 bytes. Failures are {@link EncryptionException}s.
 */
public final class MseResponderHandler extends MseHandler {
    private enum State { AWAIT_YA, SYNC_REQ1, AWAIT_SKEY, AWAIT_PROVIDE, AWAIT_PAD_C, AWAIT_IA, DONE }

    private static final int HASH_LENGTH = 20;

    private final TorrentLookup lookup;
    private final boolean preferPlaintext;
    private State state = State.AWAIT_YA;
    private byte[] secret;
    private byte[] req1;
    private InfoHash torrent;
    private int provide;
    private int padC;
    private int iaLength;

    /**
     * @param lookup the caller's torrents
     * @param policy {@link EncryptionPolicy#PREFER} or {@link EncryptionPolicy#REQUIRE}
     * @param random for the key and the padding
     */
    public MseResponderHandler(TorrentLookup lookup, EncryptionPolicy policy, SecureRandom random) {
        this(lookup, policy, random, false);
    }

    /** With {@code preferPlaintext}: select plaintext when both are offered, as libtorrent does by default. */
    MseResponderHandler(TorrentLookup lookup, EncryptionPolicy policy, SecureRandom random, boolean preferPlaintext) {
        super(policy, random);
        this.preferPlaintext = preferPlaintext;
        if (policy == EncryptionPolicy.PLAINTEXT) {
            throw new IllegalArgumentException("policy PLAINTEXT does not use MSE/PE");
        }
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    void step(ChannelHandlerContext ctx) {
        for (;;) {
            switch (state) {
                case AWAIT_YA:
                    if (!awaitYa(ctx)) {
                        return;
                    }
                    break;
                case SYNC_REQ1: {
                    int at = sync(req1, MAX_PADDING, "HASH('req1', S)");
                    if (at < 0) {
                        return;
                    }
                    in.skipBytes(at + HASH_LENGTH);
                    state = State.AWAIT_SKEY;
                    break;
                }
                case AWAIT_SKEY:
                    if (in.readableBytes() < HASH_LENGTH) {
                        return;
                    }
                    findTorrent();
                    state = State.AWAIT_PROVIDE;
                    break;
                case AWAIT_PROVIDE: {
                    if (in.readableBytes() < VC_LENGTH + 6) {
                        return;
                    }
                    byte[] b = readDecrypted(VC_LENGTH + 6);
                    for (int i = 0; i < VC_LENGTH; i++) {
                        if (b[i] != 0) {
                            throw new EncryptionException("VC", "not eight zero bytes once decrypted");
                        }
                    }
                    provide = u32(b, VC_LENGTH);
                    padC = u16(b, VC_LENGTH + 4);
                    if (padC > MAX_PADDING) {
                        throw new EncryptionException("len(PadC)", padC + " (expected: <= " + MAX_PADDING + ")");
                    }
                    state = State.AWAIT_PAD_C;
                    break;
                }
                case AWAIT_PAD_C: {
                    if (in.readableBytes() < padC + 2) {
                        return;
                    }
                    byte[] b = readDecrypted(padC + 2);
                    iaLength = u16(b, padC);
                    state = State.AWAIT_IA;
                    break;
                }
                case AWAIT_IA: {
                    if (in.readableBytes() < iaLength) {
                        return;
                    }
                    CryptoMethod method = select();
                    ByteBuf ia = in.readRetainedSlice(iaLength);
                    decrypt.processInPlace(ia, ia.readerIndex(), iaLength);
                    ByteBuf reply = ctx.alloc().buffer(VC_LENGTH + 6);
                    reply.writeZero(VC_LENGTH);
                    reply.writeInt(method.bit());
                    reply.writeShort(0); // len(PadD)
                    encrypt.processInPlace(reply, 0, reply.readableBytes());
                    ctx.writeAndFlush(reply);
                    state = State.DONE;
                    established(ctx, method, torrent, true, ia);
                    return;
                }
                default:
                    return;
            }
        }
    }

    /** @return whether Ya was read (or a plain handshake let through, ending the handler) */
    private boolean awaitYa(ChannelHandlerContext ctx) {
        int avail = in.readableBytes();
        if (Handshake.startsLikeHandshake(in, in.readerIndex(), avail)) {
            if (avail < 20) {
                return false;
            }
            if (policy == EncryptionPolicy.REQUIRE) {
                throw new EncryptionException("handshake", "plaintext handshake refused: encryption is required");
            }
            state = State.DONE;
            established(ctx, CryptoMethod.PLAINTEXT, null, false, null);
            return false;
        }
        if (avail < MseDiffieHellman.KEY_LENGTH) {
            return false;
        }
        byte[] ya = new byte[MseDiffieHellman.KEY_LENGTH];
        in.readBytes(ya);
        MseDiffieHellman dh = new MseDiffieHellman(random);
        secret = sharedSecret(dh, ya);
        req1 = Sha1.hash(ascii("req1"), secret);
        writePublicKey(ctx, dh);
        state = State.SYNC_REQ1;
        return true;
    }

    private void findTorrent() {
        byte[] obfuscated = new byte[HASH_LENGTH];
        in.readBytes(obfuscated);
        byte[] req2 = xor(obfuscated, Sha1.hash(ascii("req3"), secret));
        torrent = lookup.findObfuscated(req2);
        byte[] skey = torrent == null ? null : TorrentLookup.skeyOf(torrent, req2);
        if (skey == null) {
            throw new EncryptionException("HASH('req2', SKEY)", "names none of our torrents");
        }
        decrypt = cipher("keyA", secret, skey);
        encrypt = cipher("keyB", secret, skey);
    }

    private CryptoMethod select() {
        boolean plaintextOffered = (provide & CryptoMethod.PLAINTEXT.bit()) != 0;
        if (preferPlaintext && policy == EncryptionPolicy.PREFER && plaintextOffered) {
            return CryptoMethod.PLAINTEXT;
        }
        if ((provide & CryptoMethod.RC4.bit()) != 0) {
            return CryptoMethod.RC4;
        }
        if (policy == EncryptionPolicy.PREFER && (provide & CryptoMethod.PLAINTEXT.bit()) != 0) {
            return CryptoMethod.PLAINTEXT;
        }
        throw new EncryptionException("crypto_provide", "0x" + Integer.toHexString(provide)
                + " (expected: " + (policy == EncryptionPolicy.REQUIRE ? "RC4, 0x02" : "RC4 or plaintext, 0x03") + ")");
    }
}
