package dev.torrpedo.dht.krpc;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeException;
import dev.torrpedo.bencode.BencodeLimits;
import dev.torrpedo.bencode.BencodeMode;
import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.krpc.KrpcException.Reason;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes one datagram into a {@link KrpcMessage}. Pure and thread-safe: no sockets, clocks
 * or logging. Every limit of {@link KrpcLimits} is checked before the field is copied;
 * every failure is a {@link KrpcException}.
 *
 * <p>A response does not name its method, so the caller says which query each of its
 * pending transaction ids belongs to ({@link Pending}).
 */
public final class KrpcDecoder {

    /** Which of our queries a transaction id belongs to. */
    @FunctionalInterface
    public interface Pending {
        /** @return the method of our pending query with this id, or {@code null} if there is none */
        KrpcMethod methodOf(byte[] transactionId);
    }

    private static final long REQUIRED = Long.MIN_VALUE;

    private final KrpcLimits limits;
    private final BencodeDecoder bencode;

    /** A decoder with these limits. */
    public KrpcDecoder(KrpcLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.bencode = BencodeDecoder.of(new BencodeLimits(limits.maxPacketSize(), limits.maxDepth(), limits.maxTokens()),
                BencodeMode.LENIENT);
    }

    /** @return the limits */
    public KrpcLimits limits() {
        return limits;
    }

    /**
     * Decodes {@code packet[off, off + len)}. The message's byte strings may be views of
     * {@code packet}, which must not change while the message is in use.
     *
     * @throws KrpcException if it is not a valid KRPC message
     */
    public KrpcMessage decode(byte[] packet, int off, int len, Pending pending) {
        if (len > limits.maxPacketSize()) {
            throw new KrpcException(Reason.TOO_LARGE, null, -1, null, false,
                    len + " bytes (expected: <= " + limits.maxPacketSize() + ")");
        }
        BValue root;
        try {
            root = bencode.decode(packet, off, len);
        } catch (BencodeException e) {
            throw new KrpcException(Reason.MALFORMED, null, e.offset(), null, false, e.getMessage());
        }
        if (!(root instanceof BDictionary dict)) {
            throw new KrpcException(Reason.MALFORMED, null, 0, null, false, "not a dictionary");
        }
        Fields f = new Fields(dict, null, false);
        byte[] tid = f.bytes("t", 0, limits.maxTransactionIdLength());
        BString y = f.string("y", 1, 1);
        switch (y.byteAt(0)) {
            case 'q':
                return query(dict, tid);
            case 'r':
                return response(dict, tid, pending);
            case 'e':
                return error(dict, tid, pending);
            default:
                throw f.invalid("y", y, "'" + (char) (y.byteAt(0) & 0xff) + "' (expected: q, r or e)");
        }
    }

    private KrpcQuery query(BDictionary dict, byte[] tid) {
        Fields top = new Fields(dict, tid, true);
        BString q = top.string("q", 1, 32);
        KrpcMethod method = KrpcMethod.ofWire(q.bytes());
        BDictionary a = top.dictionary("a");
        Fields f = new Fields(a, tid, true);
        if (method == null) {
            throw new KrpcException(Reason.UNKNOWN_METHOD, "q", q.offset(), tid, true, "'" + q.utf8() + "'");
        }
        NodeId sender = f.id("id");
        boolean readOnly = top.flag("ro");
        QueryArgs args;
        switch (method) {
            case PING:
                args = new QueryArgs.Ping();
                break;
            case FIND_NODE:
                args = new QueryArgs.FindNode(f.id("target"), f.want());
                break;
            case GET_PEERS:
                args = new QueryArgs.GetPeers(f.id("info_hash"), f.want(), f.flag("noseed"), f.flag("scrape"));
                break;
            case ANNOUNCE_PEER: {
                boolean implied = f.flag("implied_port");
                int port = (int) (implied ? f.integer("port", 0, 65535, 0) : f.integer("port", 1, 65535, REQUIRED));
                args = new QueryArgs.AnnouncePeer(f.id("info_hash"), port, implied,
                        f.bytes("token", 1, limits.maxTokenLength()), f.flag("seed"));
                break;
            }
            case SAMPLE_INFOHASHES:
                args = new QueryArgs.SampleInfohashes(f.id("target"), f.want());
                break;
            case GET:
                args = new QueryArgs.GetItem(f.id("target"), f.integer("seq", 0, Long.MAX_VALUE, -1), f.want());
                break;
            case PUT:
                args = put(f);
                break;
            default:
                throw new AssertionError(method);
        }
        return new KrpcQuery(tid, sender, readOnly, args);
    }

    private QueryArgs.PutItem put(Fields f) {
        byte[] token = f.bytes("token", 1, limits.maxTokenLength());
        BValue v = f.require("v");
        if (v.raw().remaining() > limits.maxItemSize()) {
            throw new KrpcException(Reason.INVALID_FIELD, "v", v.offset(), f.tid, true,
                    "value: " + v.raw().remaining() + " bytes (expected: <= " + limits.maxItemSize() + ")");
        }
        if (!f.dict.containsKey("k")) {
            return new QueryArgs.PutItem(token, v, null, new byte[0], -1, null, -1);
        }
        byte[] k = f.bytes("k", 32, 32);
        byte[] salt = f.dict.containsKey("salt") ? f.bytes("salt", 0, limits.maxSaltLength()) : new byte[0];
        long seq = f.integer("seq", 0, Long.MAX_VALUE, REQUIRED);
        byte[] sig = f.bytes("sig", 64, 64);
        long cas = f.integer("cas", 0, Long.MAX_VALUE, -1);
        return new QueryArgs.PutItem(token, v, k, salt, seq, sig, cas);
    }

    private KrpcResponse response(BDictionary dict, byte[] tid, Pending pending) {
        Fields top = new Fields(dict, tid, false);
        BDictionary r = top.dictionary("r");
        Fields f = new Fields(r, tid, false);
        NodeId sender = f.id("id");
        InetSocketAddress ip = top.optionalPeer("ip");
        KrpcMethod method = pending.methodOf(tid);
        if (method == null) {
            throw new KrpcException(Reason.UNKNOWN_TRANSACTION, "t", -1, tid, false, "no query of ours has this id");
        }
        ResponseBody body;
        switch (method) {
            case PING:
            case ANNOUNCE_PEER:
            case PUT:
                body = new ResponseBody.Ack(method);
                break;
            case FIND_NODE:
                body = new ResponseBody.Nodes(f.nodes("nodes", false), f.nodes("nodes6", true));
                break;
            case GET_PEERS:
                body = new ResponseBody.Peers(f.optionalBytes("token", 1, limits.maxTokenLength()), f.values(),
                        f.nodes("nodes", false), f.nodes("nodes6", true),
                        f.optionalBytes("BFsd", 256, 256), f.optionalBytes("BFpe", 256, 256));
                break;
            case SAMPLE_INFOHASHES:
                body = new ResponseBody.Samples((int) f.integer("interval", 0, Integer.MAX_VALUE, 0),
                        f.integer("num", 0, Long.MAX_VALUE, 0), f.samples(), f.nodes("nodes", false), f.nodes("nodes6", true));
                break;
            case GET:
                body = item(f);
                break;
            default:
                throw new AssertionError(method);
        }
        return new KrpcResponse(tid, sender, ip, body);
    }

    private ResponseBody.Item item(Fields f) {
        byte[] token = f.optionalBytes("token", 1, limits.maxTokenLength());
        BValue v = f.dict.get("v");
        if (v != null && v.raw().remaining() > limits.maxItemSize()) {
            throw new KrpcException(Reason.INVALID_FIELD, "v", v.offset(), f.tid, false,
                    "value: " + v.raw().remaining() + " bytes (expected: <= " + limits.maxItemSize() + ")");
        }
        byte[] k = f.optionalBytes("k", 32, 32);
        long seq = f.integer("seq", 0, Long.MAX_VALUE, -1);
        byte[] sig = f.optionalBytes("sig", 64, 64);
        if (v != null && (k == null) != (sig == null)) {
            throw f.invalid("sig", v, "a mutable value needs both k and sig");
        }
        if (k != null && seq < 0) {
            throw new KrpcException(Reason.MISSING_FIELD, "seq", f.dict.offset(), f.tid, false, "a mutable value needs seq");
        }
        return new ResponseBody.Item(token, v, k, seq, sig, f.nodes("nodes", false), f.nodes("nodes6", true));
    }

    private KrpcError error(BDictionary dict, byte[] tid, Pending pending) {
        Fields f = new Fields(dict, tid, false);
        BList e = f.list("e");
        if (e.size() < 1 || !(e.get(0) instanceof BInteger code)) {
            throw f.invalid("e", e, "expected: [code, message]");
        }
        String message = "";
        if (e.size() > 1 && e.get(1) instanceof BString s) {
            if (s.length() > limits.maxErrorMessageLength()) {
                throw f.invalid("e", s, "message: " + s.length() + " bytes (expected: <= " + limits.maxErrorMessageLength() + ")");
            }
            message = s.utf8();
        }
        long c = code.value();
        if (c < 0 || c > 999) {
            throw f.invalid("e", code, "code: " + c + " (expected: [0, 999])");
        }
        if (pending.methodOf(tid) == null) {
            throw new KrpcException(Reason.UNKNOWN_TRANSACTION, "t", -1, tid, false, "no query of ours has this id");
        }
        return new KrpcError(tid, (int) c, message);
    }

    /** Typed access to one dictionary, failing with a {@link KrpcException} that names the key. */
    private final class Fields {
        final BDictionary dict;
        final byte[] tid;
        final boolean query;

        Fields(BDictionary dict, byte[] tid, boolean query) {
            this.dict = dict;
            this.tid = tid;
            this.query = query;
        }

        KrpcException invalid(String key, BValue at, String detail) {
            return new KrpcException(Reason.INVALID_FIELD, key, at.offset(), tid, query, detail);
        }

        BValue require(String key) {
            BValue v = dict.get(key);
            if (v == null) {
                throw new KrpcException(Reason.MISSING_FIELD, key, dict.offset(), tid, query, "absent");
            }
            return v;
        }

        BString string(String key, int min, int max) {
            BValue v = require(key);
            if (!(v instanceof BString s)) {
                throw invalid(key, v, v.kind() + " (expected: STRING)");
            }
            if (s.length() < min || s.length() > max) {
                throw invalid(key, v, s.length() + " bytes (expected: [" + min + ", " + max + "])");
            }
            return s;
        }

        byte[] bytes(String key, int min, int max) {
            return string(key, min, max).bytes();
        }

        byte[] optionalBytes(String key, int min, int max) {
            return dict.containsKey(key) ? bytes(key, min, max) : null;
        }

        BDictionary dictionary(String key) {
            BValue v = require(key);
            if (!(v instanceof BDictionary d)) {
                throw invalid(key, v, v.kind() + " (expected: DICTIONARY)");
            }
            return d;
        }

        BList list(String key) {
            BValue v = require(key);
            if (!(v instanceof BList l)) {
                throw invalid(key, v, v.kind() + " (expected: LIST)");
            }
            return l;
        }

        NodeId id(String key) {
            return NodeId.of(bytes(key, NodeId.LENGTH, NodeId.LENGTH));
        }

        /** @return the integer under {@code key} in {@code [min, max]}, or {@code absent} if there is none ({@link #REQUIRED}: fail) */
        long integer(String key, long min, long max, long absent) {
            BValue v = dict.get(key);
            if (v == null) {
                if (absent == REQUIRED) {
                    throw new KrpcException(Reason.MISSING_FIELD, key, dict.offset(), tid, query, "absent");
                }
                return absent;
            }
            if (!(v instanceof BInteger i)) {
                throw invalid(key, v, v.kind() + " (expected: INTEGER)");
            }
            long x = i.value();
            if (x < min || x > max) {
                throw invalid(key, v, x + " (expected: [" + min + ", " + max + "])");
            }
            return x;
        }

        /** A flag is set by a non-zero integer; anything else (or nothing) leaves it clear. */
        boolean flag(String key) {
            return dict.get(key) instanceof BInteger i && i.value() != 0;
        }

        Want want() {
            BValue v = dict.get("want");
            if (!(v instanceof BList l)) {
                return Want.DEFAULT;
            }
            boolean n4 = false;
            boolean n6 = false;
            for (BValue e : l) {
                if (e instanceof BString s) {
                    n4 |= s.contentEquals("n4");
                    n6 |= s.contentEquals("n6");
                }
            }
            return Want.of(n4, n6);
        }

        InetSocketAddress optionalPeer(String key) {
            BValue v = dict.get(key);
            if (!(v instanceof BString s) || (s.length() != Compact.PEER_V4 && s.length() != Compact.PEER_V6)) {
                return null; // BEP 42 'ip' is advisory: a malformed one is ignored
            }
            return Compact.peer(s.bytes(), 0, s.length());
        }

        List<DhtContact> nodes(String key, boolean v6) {
            BValue v = dict.get(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof BString s)) {
                throw invalid(key, v, v.kind() + " (expected: STRING)");
            }
            int size = v6 ? Compact.NODE_V6 : Compact.NODE_V4;
            if (s.length() % size != 0) {
                throw invalid(key, v, s.length() + " bytes (expected: a multiple of " + size + ")");
            }
            return Compact.nodes(s.bytes(), 0, s.length(), v6);
        }

        List<InetSocketAddress> values() {
            BValue v = dict.get("values");
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof BList l)) {
                throw invalid("values", v, v.kind() + " (expected: LIST)");
            }
            if (l.size() > limits.maxValues()) {
                throw invalid("values", v, l.size() + " peers (expected: <= " + limits.maxValues() + ")");
            }
            List<InetSocketAddress> out = new ArrayList<>(l.size());
            for (BValue e : l) {
                if (!(e instanceof BString s) || (s.length() != Compact.PEER_V4 && s.length() != Compact.PEER_V6)) {
                    throw invalid("values", e, "expected: 6- or 18-byte compact peers");
                }
                out.add(Compact.peer(s.bytes(), 0, s.length()));
            }
            return out;
        }

        List<NodeId> samples() {
            BString s = string("samples", 0, limits.maxSamples() * NodeId.LENGTH);
            if (s.length() % NodeId.LENGTH != 0) {
                throw invalid("samples", s, s.length() + " bytes (expected: a multiple of 20)");
            }
            byte[] b = s.bytes();
            List<NodeId> out = new ArrayList<>(b.length / NodeId.LENGTH);
            for (int p = 0; p < b.length; p += NodeId.LENGTH) {
                out.add(NodeId.of(b, p));
            }
            return out;
        }
    }
}
