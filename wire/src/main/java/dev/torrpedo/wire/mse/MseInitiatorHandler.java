package dev.torrpedo.wire.mse;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.wire.internal.MseDiffieHellman;
import dev.torrpedo.wire.internal.Sha1;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The initiator (A) of an MSE/PE handshake, for an outbound connection to a known torrent:
 *
 * <pre>
 * A -&gt; B  Ya, PadA
 * B -&gt; A  Yb, PadB
 * A -&gt; B  HASH('req1', S), HASH('req2', SKEY) xor HASH('req3', S),
 *         ENCRYPT(VC, crypto_provide, len(PadC), PadC, len(IA)), ENCRYPT(IA)
 * B -&gt; A  ENCRYPT(VC, crypto_select, len(PadD), PadD), ENCRYPT2(payload)
 * </pre>
 *
 * Writes made before the handshake ends are held back; the first of them (normally the
 * BitTorrent handshake) travels as the initial payload IA. Once B selects RC4 every byte is
 * encrypted both ways; once B selects plaintext the handler removes itself. Either way it
 * first fires {@link EncryptionEstablished}. Failures are {@link EncryptionException}s.
 */
public final class MseInitiatorHandler extends MseHandler {
    private enum State { START, AWAIT_YB, SYNC_VC, AWAIT_SELECT, AWAIT_PAD_D, DONE }

    private final byte[] skey;
    private final InfoHash infoHash;
    private final int provide;
    private State state = State.START;
    private MseDiffieHellman dh;
    private byte[] expectedVc;
    private CryptoMethod selected;
    private int padD;

    /**
     * @param infoHash the torrent we connect for; its 20-byte wire form is SKEY
     * @param policy   {@link EncryptionPolicy#PREFER} (offer RC4 and plaintext) or {@link EncryptionPolicy#REQUIRE}
     * @param random   for the key and the padding
     */
    public MseInitiatorHandler(InfoHash infoHash, EncryptionPolicy policy, SecureRandom random) {
        this(infoHash, policy, random, policy == EncryptionPolicy.REQUIRE ? CryptoMethod.RC4.bit()
                : CryptoMethod.RC4.bit() | CryptoMethod.PLAINTEXT.bit());
    }

    /** With explicit {@code crypto_provide} bits: for tests of what other clients may offer. */
    MseInitiatorHandler(InfoHash infoHash, EncryptionPolicy policy, SecureRandom random, int provide) {
        super(policy, random);
        if (policy == EncryptionPolicy.PLAINTEXT) {
            throw new IllegalArgumentException("policy PLAINTEXT does not use MSE/PE");
        }
        this.infoHash = Objects.requireNonNull(infoHash, "infoHash");
        this.skey = infoHash.wire();
        this.provide = provide;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        super.handlerAdded(ctx);
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (state != State.START) {
            return;
        }
        dh = new MseDiffieHellman(random);
        writePublicKey(ctx, dh);
        state = State.AWAIT_YB;
    }

    private int provide() {
        return provide;
    }

    @Override
    void step(ChannelHandlerContext ctx) {
        for (;;) {
            switch (state) {
                case AWAIT_YB: {
                    if (in.readableBytes() < MseDiffieHellman.KEY_LENGTH) {
                        return;
                    }
                    byte[] yb = new byte[MseDiffieHellman.KEY_LENGTH];
                    in.readBytes(yb);
                    sendRequest(ctx, sharedSecret(dh, yb));
                    state = State.SYNC_VC;
                    break;
                }
                case SYNC_VC: {
                    int at = sync(expectedVc, MAX_PADDING, "VC");
                    if (at < 0) {
                        return;
                    }
                    in.skipBytes(at + VC_LENGTH);
                    state = State.AWAIT_SELECT;
                    break;
                }
                case AWAIT_SELECT: {
                    if (in.readableBytes() < 6) {
                        return;
                    }
                    byte[] b = readDecrypted(6);
                    int select = u32(b, 0);
                    padD = u16(b, 4);
                    if (select == CryptoMethod.RC4.bit() && (provide() & select) != 0) {
                        selected = CryptoMethod.RC4;
                    } else if (select == CryptoMethod.PLAINTEXT.bit() && (provide() & select) != 0) {
                        selected = CryptoMethod.PLAINTEXT;
                    } else {
                        throw new EncryptionException("crypto_select", "0x" + Integer.toHexString(select)
                                + " (expected: one of the offered 0x" + Integer.toHexString(provide()) + ")");
                    }
                    if (padD > MAX_PADDING) {
                        throw new EncryptionException("len(PadD)", padD + " (expected: <= " + MAX_PADDING + ")");
                    }
                    state = State.AWAIT_PAD_D;
                    break;
                }
                case AWAIT_PAD_D: {
                    if (in.readableBytes() < padD) {
                        return;
                    }
                    readDecrypted(padD);
                    state = State.DONE;
                    established(ctx, selected, infoHash, true, null);
                    return;
                }
                default:
                    return;
            }
        }
    }

    /** Step 3: the synchronisation hash, the obfuscated SKEY, and the encrypted offer with IA. */
    private void sendRequest(ChannelHandlerContext ctx, byte[] secret) {
        encrypt = cipher("keyA", secret, skey);
        decrypt = cipher("keyB", secret, skey);
        expectedVc = decrypt.process(new byte[VC_LENGTH]);

        List<ChannelPromise> iaPromises = new ArrayList<>();
        ByteBuf ia = ctx.alloc().buffer();
        for (ByteBuf next = peekPendingBuf(0xFFFF - ia.readableBytes()); next != null;
                next = peekPendingBuf(0xFFFF - ia.readableBytes())) {
            ia.writeBytes(next);
            next.release();
            iaPromises.add(pollPendingPromise());
        }
        ByteBuf out = ctx.alloc().buffer(40 + 16 + ia.readableBytes());
        out.writeBytes(Sha1.hash(ascii("req1"), secret));
        out.writeBytes(xor(Sha1.req2(skey), Sha1.hash(ascii("req3"), secret)));
        int plainStart = out.writerIndex();
        out.writeZero(VC_LENGTH);
        out.writeInt(provide());
        out.writeShort(0); // len(PadC): the padding is optional and hides nothing once encrypted
        out.writeShort(ia.readableBytes());
        out.writeBytes(ia);
        ia.release();
        encrypt.processInPlace(out, plainStart, out.writerIndex() - plainStart);
        ChannelPromise sent = ctx.newPromise();
        sent.addListener(f -> {
            for (ChannelPromise p : iaPromises) {
                if (f.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(f.cause());
                }
            }
        });
        ctx.writeAndFlush(out, sent);
    }
}
