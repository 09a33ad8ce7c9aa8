package dev.torrpedo.wire.extension;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.wire.LimitExceededException;
import dev.torrpedo.wire.MalformedMessageException;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.WireLimits;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Decodes and encodes BEP 10 extension messages. Pure: bytes in, records out. Every
 * decoder checks the payload's size against its {@link WireLimits} limit first and fails
 * only with {@link MalformedMessageException} or {@link LimitExceededException}.
 *
 * <pre>{@code
 * Optional<ExtensionMessage> m = ExtensionCodec.fromWire(extended, registry, limits);
 * PeerMessage out = ExtensionCodec.toWire(new DontHave(7), registry);
 * }</pre>
 */
public final class ExtensionCodec {
    private static final String HANDSHAKE = "extended handshake";

    private ExtensionCodec() {
    }

    /**
     * Decodes an incoming {@link PeerMessage.Extended}: id 0 is the handshake, the others
     * are looked up among our (local) ids.
     *
     * @return the message, or empty for one to ignore (an extension we announced but do not
     *         decode here, or a {@code ut_metadata} msg_type BEP 9 says to ignore)
     * @throws MalformedMessageException if the id is not one we announced, or the payload is malformed
     * @throws LimitExceededException    if the payload is over its limit
     */
    public static Optional<ExtensionMessage> fromWire(PeerMessage.Extended message, ExtensionRegistry registry,
                                                      WireLimits limits) {
        if (message.extendedId() == 0) {
            return Optional.of(decodeHandshake(message.payload(), limits));
        }
        String name = registry.localName(message.extendedId()).orElseThrow(() -> new MalformedMessageException(
                "extended.id", message.extendedId() + " is not an id we announced"));
        return decode(name, message.payload(), limits);
    }

    /**
     * @return {@code message} as a {@link PeerMessage.Extended} with the peer's id for it
     * @throws IllegalStateException if the peer did not announce that extension
     */
    public static PeerMessage.Extended toWire(ExtensionMessage message, ExtensionRegistry registry) {
        int id;
        if (message instanceof ExtendedHandshake) {
            id = 0;
        } else {
            OptionalInt remote = registry.remoteId(message.name());
            if (remote.isEmpty()) {
                throw new IllegalStateException("the peer did not announce " + message.name());
            }
            id = remote.getAsInt();
        }
        return new PeerMessage.Extended(id, encode(message));
    }

    /**
     * Decodes the payload of extension {@code name}.
     *
     * @return the message, or empty if we do not decode {@code name} or BEP 9 says to ignore it
     */
    public static Optional<ExtensionMessage> decode(String name, byte[] payload, WireLimits limits) {
        switch (name) {
            case ExtensionMessage.HANDSHAKE:
                return Optional.of(decodeHandshake(payload, limits));
            case ExtensionMessage.UT_METADATA:
                return MetadataCodec.decode(payload, limits);
            case ExtensionMessage.UT_PEX:
                return Optional.of(PexCodec.decode(payload, limits));
            case ExtensionMessage.LT_DONTHAVE:
                exactLength(name, payload, 4);
                return Optional.of(new DontHave(ByteBuffer.wrap(payload).getInt()));
            case ExtensionMessage.UPLOAD_ONLY:
                exactLength(name, payload, 1);
                return Optional.of(new UploadOnly(payload[0] != 0));
            case ExtensionMessage.UT_HOLEPUNCH:
                return Optional.of(decodeHolepunch(payload));
            default:
                return Optional.empty();
        }
    }

    /** @return the payload of {@code message} (the bytes after the extended id) */
    public static byte[] encode(ExtensionMessage message) {
        if (message instanceof ExtendedHandshake h) {
            return encodeHandshake(h);
        }
        if (message instanceof MetadataRequest || message instanceof MetadataData || message instanceof MetadataReject) {
            return MetadataCodec.encode(message);
        }
        if (message instanceof Pex p) {
            return PexCodec.encode(p);
        }
        if (message instanceof DontHave d) {
            return ByteBuffer.allocate(4).putInt(d.piece()).array();
        }
        if (message instanceof UploadOnly u) {
            return new byte[] {(byte) (u.uploadOnly() ? 1 : 0)};
        }
        return encodeHolepunch((Holepunch) message);
    }

    /**
     * Decodes an extended handshake. Optional fields of the wrong type or range are ignored,
     * as other clients do; {@code m} must be a dictionary, and {@code metadata_size} must be
     * within {@link WireLimits#maxMetadataSize()}.
     */
    public static ExtendedHandshake decodeHandshake(byte[] payload, WireLimits limits) {
        BDictionary d = Bencoded.dictionary(HANDSHAKE, payload, limits.maxExtendedHandshake());
        BValue mValue = d.get("m");
        if (mValue != null && !(mValue instanceof BDictionary)) {
            throw new MalformedMessageException(HANDSHAKE + ".m", "a " + mValue.kind() + " (expected: a dictionary)");
        }
        Map<String, Integer> m = new TreeMap<>();
        if (mValue != null) {
            for (BDictionary.Entry e : ((BDictionary) mValue).entries()) {
                if (e.value() instanceof BInteger id && id.value() >= 0 && id.value() <= 255 && e.key().isUtf8()) {
                    m.put(e.key().utf8(), (int) id.value());
                }
            }
        }
        Long p = Bencoded.optionalLong(d, "p");
        BString v = Bencoded.optionalString(d, "v");
        BString yourIp = Bencoded.optionalString(d, "yourip");
        Long reqq = Bencoded.optionalLong(d, "reqq");
        Long metadataSize = Bencoded.optionalLong(d, "metadata_size");
        if (metadataSize != null && metadataSize > limits.maxMetadataSize()) {
            throw new LimitExceededException(HANDSHAKE + ".metadata_size", metadataSize, limits.maxMetadataSize());
        }
        if (metadataSize != null && metadataSize < 0) {
            throw new MalformedMessageException(HANDSHAKE + ".metadata_size", metadataSize + " (expected: >= 0)");
        }
        Long uploadOnly = Bencoded.optionalLong(d, "upload_only");
        return new ExtendedHandshake(m,
                p != null && p > 0 && p <= 0xFFFF ? OptionalInt.of(p.intValue()) : OptionalInt.empty(),
                v == null ? Optional.empty() : Optional.of(v.utf8()),
                yourIp != null && (yourIp.length() == 4 || yourIp.length() == 16)
                        ? Optional.of(PexCodec.address(yourIp.bytes())) : Optional.empty(),
                reqq != null && reqq > 0 && reqq <= Integer.MAX_VALUE ? OptionalInt.of(reqq.intValue()) : OptionalInt.empty(),
                metadataSize == null ? OptionalLong.empty() : OptionalLong.of(metadataSize),
                uploadOnly != null && uploadOnly != 0);
    }

    private static byte[] encodeHandshake(ExtendedHandshake h) {
        BDictionary.Builder m = BDictionary.builder();
        h.extensions().forEach((name, id) -> m.put(name, id));
        BDictionary.Builder b = BDictionary.builder().put("m", m.build());
        h.port().ifPresent(p -> b.put("p", p));
        h.client().ifPresent(v -> b.put("v", v));
        h.yourIp().ifPresent(ip -> b.put("yourip", ip.getAddress()));
        h.requestQueue().ifPresent(q -> b.put("reqq", q));
        h.metadataSize().ifPresent(s -> b.put("metadata_size", s));
        if (h.uploadOnly()) {
            b.put("upload_only", 1);
        }
        return BencodeEncoder.encode(b.build());
    }

    private static Holepunch decodeHolepunch(byte[] payload) {
        String field = ExtensionMessage.UT_HOLEPUNCH;
        if (payload.length < 2) {
            throw new MalformedMessageException(field + ".length", payload.length + " (expected: 12 or 24)");
        }
        int type = payload[0] & 0xFF;
        int addrType = payload[1] & 0xFF;
        if (type > 2) {
            throw new MalformedMessageException(field + ".msg_type", type + " (expected: 0, 1 or 2)");
        }
        if (addrType > 1) {
            throw new MalformedMessageException(field + ".addr_type", addrType + " (expected: 0 or 1)");
        }
        int addrLength = addrType == 0 ? 4 : 16;
        exactLength(field, payload, 2 + addrLength + 6);
        ByteBuffer b = ByteBuffer.wrap(payload, 2, addrLength + 6);
        byte[] addr = new byte[addrLength];
        b.get(addr);
        int port = b.getShort() & 0xFFFF;
        int err = b.getInt();
        return new Holepunch(Holepunch.Type.values()[type], new InetSocketAddress(PexCodec.address(addr), port), err);
    }

    private static byte[] encodeHolepunch(Holepunch h) {
        InetAddress a = h.address().getAddress();
        byte[] addr = a.getAddress();
        ByteBuffer b = ByteBuffer.allocate(2 + addr.length + 6);
        b.put((byte) h.type().ordinal()).put((byte) (a instanceof Inet4Address ? 0 : 1)).put(addr);
        b.putShort((short) h.address().getPort()).putInt(h.errorCode());
        return b.array();
    }

    private static void exactLength(String field, byte[] payload, int length) {
        if (payload.length != length) {
            throw new MalformedMessageException(field + ".length", payload.length + " (expected: " + length + ")");
        }
    }
}
