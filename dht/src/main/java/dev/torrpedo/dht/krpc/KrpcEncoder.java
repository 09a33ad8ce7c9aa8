package dev.torrpedo.dht.krpc;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeEncoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the canonical bencoding of a {@link KrpcMessage} (keys sorted, as every client
 * sends them). Pure and thread-safe. Every message carries the client version {@code v}
 * given here (BEP 5: two letters of client and two of version), unless it is {@code null}.
 */
public final class KrpcEncoder {
    private final byte[] version;

    /** @param version the 4-byte client version to send in {@code v}, or {@code null} for none */
    public KrpcEncoder(byte[] version) {
        this.version = version == null ? null : version.clone();
    }

    /** @return the datagram for {@code message} */
    public byte[] encode(KrpcMessage message) {
        BDictionary.Builder top = BDictionary.builder().put("t", message.transactionId());
        if (version != null) {
            top.put("v", version);
        }
        switch (message.type()) {
            case QUERY: {
                KrpcQuery q = (KrpcQuery) message;
                top.put("y", "q").put("q", q.method().wireName()).put("a", args(q));
                if (q.readOnly()) {
                    top.put("ro", 1);
                }
                break;
            }
            case RESPONSE: {
                KrpcResponse r = (KrpcResponse) message;
                top.put("y", "r").put("r", body(r));
                if (r.yourAddress() != null) {
                    top.put("ip", Compact.peer(r.yourAddress()));
                }
                break;
            }
            case ERROR: {
                KrpcError e = (KrpcError) message;
                top.put("y", "e").put("e", BList.of(BInteger.of(e.code()), BString.of(e.message())));
                break;
            }
            default:
                throw new AssertionError(message.type());
        }
        return BencodeEncoder.encode(top.build());
    }

    private static BDictionary args(KrpcQuery q) {
        BDictionary.Builder a = BDictionary.builder().put("id", q.sender().bytes());
        QueryArgs args = q.args();
        switch (args.method()) {
            case PING:
                break;
            case FIND_NODE: {
                QueryArgs.FindNode f = (QueryArgs.FindNode) args;
                a.put("target", f.target().bytes());
                want(a, f.want());
                break;
            }
            case GET_PEERS: {
                QueryArgs.GetPeers g = (QueryArgs.GetPeers) args;
                a.put("info_hash", g.infoHash().bytes());
                want(a, g.want());
                if (g.noSeed()) {
                    a.put("noseed", 1);
                }
                if (g.scrape()) {
                    a.put("scrape", 1);
                }
                break;
            }
            case ANNOUNCE_PEER: {
                QueryArgs.AnnouncePeer p = (QueryArgs.AnnouncePeer) args;
                a.put("info_hash", p.infoHash().bytes()).put("port", p.port()).put("token", p.token());
                if (p.impliedPort()) {
                    a.put("implied_port", 1);
                }
                if (p.seed()) {
                    a.put("seed", 1);
                }
                break;
            }
            case SAMPLE_INFOHASHES: {
                QueryArgs.SampleInfohashes s = (QueryArgs.SampleInfohashes) args;
                a.put("target", s.target().bytes());
                want(a, s.want());
                break;
            }
            case GET: {
                QueryArgs.GetItem g = (QueryArgs.GetItem) args;
                a.put("target", g.target().bytes());
                if (g.seq() >= 0) {
                    a.put("seq", g.seq());
                }
                want(a, g.want());
                break;
            }
            case PUT: {
                QueryArgs.PutItem p = (QueryArgs.PutItem) args;
                a.put("token", p.token()).put("v", p.value());
                if (p.mutable()) {
                    a.put("k", p.publicKey()).put("seq", p.seq()).put("sig", p.signature());
                    if (p.salt().length > 0) {
                        a.put("salt", p.salt());
                    }
                    if (p.cas() >= 0) {
                        a.put("cas", p.cas());
                    }
                }
                break;
            }
            default:
                throw new AssertionError(args.method());
        }
        return a.build();
    }

    private static void want(BDictionary.Builder a, Want want) {
        switch (want) {
            case DEFAULT:
                break;
            case N4:
                a.put("want", BList.of(BString.of("n4")));
                break;
            case N6:
                a.put("want", BList.of(BString.of("n6")));
                break;
            case BOTH:
                a.put("want", BList.of(BString.of("n4"), BString.of("n6")));
                break;
            default:
                throw new AssertionError(want);
        }
    }

    private static BDictionary body(KrpcResponse r) {
        BDictionary.Builder b = BDictionary.builder().put("id", r.sender().bytes());
        ResponseBody body = r.body();
        switch (body.method()) {
            case PING:
            case ANNOUNCE_PEER:
            case PUT:
                break;
            case FIND_NODE:
                nodes(b, (ResponseBody.Nodes) body);
                break;
            case GET_PEERS: {
                ResponseBody.Peers p = (ResponseBody.Peers) body;
                nodes(b, p);
                if (p.token() != null) {
                    b.put("token", p.token());
                }
                if (!p.values().isEmpty()) {
                    List<BValue> values = new ArrayList<>(p.values().size());
                    for (InetSocketAddress peer : p.values()) {
                        values.add(BString.of(Compact.peer(peer)));
                    }
                    b.put("values", BList.of(values));
                }
                if (p.seedsBloom() != null) {
                    b.put("BFsd", p.seedsBloom());
                }
                if (p.peersBloom() != null) {
                    b.put("BFpe", p.peersBloom());
                }
                break;
            }
            case SAMPLE_INFOHASHES: {
                ResponseBody.Samples s = (ResponseBody.Samples) body;
                nodes(b, s);
                byte[] samples = new byte[s.samples().size() * 20];
                for (int i = 0; i < s.samples().size(); i++) {
                    s.samples().get(i).copyTo(samples, i * 20);
                }
                b.put("samples", samples).put("interval", s.interval()).put("num", s.num());
                break;
            }
            case GET: {
                ResponseBody.Item i = (ResponseBody.Item) body;
                nodes(b, i);
                if (i.token() != null) {
                    b.put("token", i.token());
                }
                if (i.value() != null) {
                    b.put("v", i.value());
                }
                if (i.publicKey() != null) {
                    b.put("k", i.publicKey());
                }
                if (i.signature() != null) {
                    b.put("sig", i.signature());
                }
                if (i.seq() >= 0) {
                    b.put("seq", i.seq());
                }
                break;
            }
            default:
                throw new AssertionError(body.method());
        }
        return b.build();
    }

    private static void nodes(BDictionary.Builder b, ResponseBody.WithNodes body) {
        if (!body.nodes().isEmpty()) {
            b.put("nodes", Compact.nodes(body.nodes(), false));
        }
        if (!body.nodes6().isEmpty()) {
            b.put("nodes6", Compact.nodes(body.nodes6(), true));
        }
    }
}
