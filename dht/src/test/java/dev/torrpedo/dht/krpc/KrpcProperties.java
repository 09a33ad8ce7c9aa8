package dev.torrpedo.dht.krpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any message we can build survives encode then decode; no input raises anything but {@link KrpcException}. */
class KrpcProperties {
    private static final KrpcDecoder DECODER = new KrpcDecoder(KrpcLimits.DEFAULT);
    private static final KrpcEncoder ENCODER = new KrpcEncoder(new byte[] {'T', 'P', 0, 1});

    private static InetSocketAddress address(SplittableRandom r, boolean v6) {
        byte[] ip = new byte[v6 ? 16 : 4];
        r.nextBytes(ip);
        try {
            InetAddress a = v6 ? java.net.Inet6Address.getByAddress(null, ip, null) : InetAddress.getByAddress(ip);
            return new InetSocketAddress(a, 1 + r.nextInt(65535));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<DhtContact> nodes(SplittableRandom r, boolean v6) {
        List<DhtContact> out = new ArrayList<>();
        for (int i = r.nextInt(9); i > 0; i--) {
            out.add(new DhtContact(NodeId.random(r), address(r, v6)));
        }
        return out;
    }

    private static byte[] bytes(SplittableRandom r, int min, int max) {
        byte[] b = new byte[min + r.nextInt(max - min + 1)];
        r.nextBytes(b);
        return b;
    }

    static KrpcMessage message(SplittableRandom r) {
        byte[] tid = bytes(r, 1, 4);
        tid[0] = (byte) ('a' + r.nextInt(7));
        NodeId id = NodeId.random(r);
        Want want = Want.values()[r.nextInt(4)];
        switch (r.nextInt(12)) {
            case 0:
                return new KrpcQuery(tid, id, r.nextBoolean(), new QueryArgs.Ping());
            case 1:
                return new KrpcQuery(tid, id, false, new QueryArgs.FindNode(NodeId.random(r), want));
            case 2:
                return new KrpcQuery(tid, id, false, new QueryArgs.GetPeers(NodeId.random(r), want, r.nextBoolean(), r.nextBoolean()));
            case 3: {
                boolean implied = r.nextBoolean();
                return new KrpcQuery(tid, id, false, new QueryArgs.AnnouncePeer(NodeId.random(r), 1 + r.nextInt(65535),
                        implied, bytes(r, 1, 20), r.nextBoolean()));
            }
            case 4:
                return new KrpcQuery(tid, id, false, new QueryArgs.GetItem(NodeId.random(r), r.nextBoolean() ? -1 : r.nextInt(1000), want));
            case 5:
                return new KrpcQuery(tid, id, false, new QueryArgs.PutItem(bytes(r, 1, 20), BString.of(bytes(r, 0, 100)),
                        bytes(r, 32, 32), bytes(r, 0, 64), r.nextInt(1 << 20), bytes(r, 64, 64), r.nextBoolean() ? -1 : r.nextInt(9)));
            case 6:
                return new KrpcResponse(tid, id, r.nextBoolean() ? address(r, r.nextBoolean()) : null,
                        new ResponseBody.Nodes(nodes(r, false), nodes(r, true)));
            case 7: {
                List<InetSocketAddress> values = new ArrayList<>();
                for (int i = r.nextInt(20); i > 0; i--) {
                    values.add(address(r, r.nextBoolean()));
                }
                boolean scrape = r.nextBoolean();
                return new KrpcResponse(tid, id, null, new ResponseBody.Peers(r.nextBoolean() ? bytes(r, 1, 20) : null, values,
                        nodes(r, false), nodes(r, true), scrape ? bytes(r, 256, 256) : null, scrape ? bytes(r, 256, 256) : null));
            }
            case 8: {
                List<NodeId> samples = new ArrayList<>();
                for (int i = r.nextInt(20); i > 0; i--) {
                    samples.add(NodeId.random(r));
                }
                return new KrpcResponse(tid, id, null, new ResponseBody.Samples(r.nextInt(1 << 20), r.nextInt(1 << 20), samples,
                        nodes(r, false), List.of()));
            }
            case 9: {
                boolean mutable = r.nextBoolean();
                return new KrpcResponse(tid, id, null, new ResponseBody.Item(bytes(r, 1, 20), BInteger.of(r.nextLong()),
                        mutable ? bytes(r, 32, 32) : null, mutable ? r.nextInt(1 << 20) : -1, mutable ? bytes(r, 64, 64) : null,
                        nodes(r, false), List.of()));
            }
            case 10:
                return new KrpcError(tid, 201 + r.nextInt(100), "error " + r.nextInt());
            default:
                return new KrpcResponse(tid, id, null, new ResponseBody.Ack(KrpcMethod.PING));
        }
    }

    /** The method a test transaction id stands for: the one its message was made for. */
    private static KrpcMethod methodFor(KrpcMessage m) {
        if (m instanceof KrpcResponse r) {
            return r.body().method();
        }
        return KrpcMethod.PING;
    }

    @Property(tries = 1000)
    void encodeThenDecodeIsIdentity(@ForAll long seed) {
        KrpcMessage m = message(new SplittableRandom(seed));
        byte[] wire = ENCODER.encode(m);
        KrpcMethod method = methodFor(m);
        KrpcMessage back = DECODER.decode(wire, 0, wire.length, t -> method);
        assertArrayEquals(wire, ENCODER.encode(back));
        assertTrue(wire.length <= KrpcLimits.DEFAULT.maxPacketSize());
    }

    @Property(tries = 2000)
    void anyBytesRaiseOnlyKrpcException(@ForAll byte[] input) {
        try {
            DECODER.decode(input, 0, input.length, KrpcDecoderFuzzTest::pending);
        } catch (KrpcException expected) {
            assertTrue(expected.offset() <= input.length);
        }
    }

    @Property(tries = 2000)
    void mutatedMessagesRaiseOnlyKrpcException(@ForAll long seed, @ForAll int where, @ForAll byte what) {
        byte[] wire = ENCODER.encode(message(new SplittableRandom(seed)));
        wire[Math.floorMod(where, wire.length)] = what;
        try {
            DECODER.decode(wire, 0, wire.length, KrpcDecoderFuzzTest::pending);
        } catch (KrpcException expected) {
            assertTrue(expected.offset() <= wire.length);
        }
    }
}
