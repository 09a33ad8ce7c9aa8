package dev.torrpedo.dht.krpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The examples of BEP 5, byte for byte, both ways; and what must be refused. */
class KrpcCodecTest {
    private static final KrpcDecoder DECODER = new KrpcDecoder(KrpcLimits.DEFAULT);
    private static final KrpcEncoder ENCODER = new KrpcEncoder(null);
    private static final NodeId ABC = NodeId.of(ascii("abcdefghij0123456789"));
    private static final NodeId MNO = NodeId.of(ascii("mnopqrstuvwxyz123456"));

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static KrpcMessage decode(String wire, KrpcMethod pending) {
        byte[] b = ascii(wire);
        return DECODER.decode(b, 0, b.length, tid -> pending);
    }

    private static void roundTrip(String wire, KrpcMethod pending) {
        KrpcMessage m = decode(wire, pending);
        assertEquals(wire, new String(ENCODER.encode(m), StandardCharsets.ISO_8859_1));
    }

    @Test
    void ping() {
        String q = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe";
        KrpcQuery query = (KrpcQuery) decode(q, null);
        assertEquals(KrpcMethod.PING, query.method());
        assertEquals(ABC, query.sender());
        assertArrayEquals(ascii("aa"), query.transactionId());
        assertFalse(query.readOnly());
        roundTrip(q, null);
        String r = "d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re";
        KrpcResponse response = (KrpcResponse) decode(r, KrpcMethod.PING);
        assertEquals(MNO, response.sender());
        assertEquals(new ResponseBody.Ack(KrpcMethod.PING), response.body());
        roundTrip(r, KrpcMethod.PING);
    }

    @Test
    void findNode() {
        String q = "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe";
        QueryArgs.FindNode f = (QueryArgs.FindNode) ((KrpcQuery) decode(q, null)).args();
        assertEquals(MNO, f.target());
        assertEquals(Want.DEFAULT, f.want());
        roundTrip(q, null);
        // a response with one IPv4 node: id, 127.0.0.1, port 6881
        String r = "d1:rd2:id20:0123456789abcdefghij5:nodes26:mnopqrstuvwxyz123456\u007f\u0000\u0000\u0001\u001a\u00e1e1:t2:aa1:y1:re";
        ResponseBody.Nodes nodes = (ResponseBody.Nodes) ((KrpcResponse) decode(r, KrpcMethod.FIND_NODE)).body();
        assertEquals(List.of(new DhtContact(MNO, new InetSocketAddress("127.0.0.1", 6881))), nodes.nodes());
        assertEquals(List.of(), nodes.nodes6());
        roundTrip(r, KrpcMethod.FIND_NODE);
    }

    @Test
    void getPeersWithValues() {
        String q = "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe";
        roundTrip(q, null);
        String r = "d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re";
        ResponseBody.Peers p = (ResponseBody.Peers) ((KrpcResponse) decode(r, KrpcMethod.GET_PEERS)).body();
        assertArrayEquals(ascii("aoeusnth"), p.token());
        assertEquals(2, p.values().size());
        assertEquals(new InetSocketAddress("97.120.106.101", ('.' << 8) | 'u'), p.values().get(0));
        roundTrip(r, KrpcMethod.GET_PEERS);
    }

    @Test
    void announcePeerWithImpliedPort() {
        String q = "d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:mnopqrstuvwxyz1234564:porti6881e"
                + "5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:y1:qe";
        QueryArgs.AnnouncePeer a = (QueryArgs.AnnouncePeer) ((KrpcQuery) decode(q, null)).args();
        assertTrue(a.impliedPort());
        assertEquals(6881, a.port());
        assertEquals(MNO, a.infoHash());
        roundTrip(q, null);
    }

    @Test
    void error() {
        String e = "d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee";
        KrpcError err = (KrpcError) decode(e, KrpcMethod.PING);
        assertEquals(201, err.code());
        assertEquals("A Generic Error Ocurred", err.message());
        roundTrip(e, KrpcMethod.PING);
    }

    @Test
    void wantAndReadOnlyAndIp() {
        String q = "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz1234564:wantl2:n42:n6ee"
                + "1:q9:find_node2:roi1e1:t2:aa1:y1:qe";
        KrpcQuery query = (KrpcQuery) decode(q, null);
        assertTrue(query.readOnly());
        assertEquals(Want.BOTH, ((QueryArgs.FindNode) query.args()).want());
        roundTrip(q, null);
        String r = "d2:ip6:\u007f\u0000\u0000\u0001\u001a\u00e11:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re";
        KrpcResponse response = (KrpcResponse) decode(r, KrpcMethod.PING);
        assertEquals(new InetSocketAddress("127.0.0.1", 6881), response.yourAddress());
        roundTrip(r, KrpcMethod.PING);
    }

    @Test
    void ipv6NodesRoundTrip() {
        DhtContact six = new DhtContact(MNO, new InetSocketAddress("2001:db8::1", 6881));
        KrpcResponse r = new KrpcResponse(ascii("xy"), ABC, null, new ResponseBody.Nodes(List.of(), List.of(six)));
        byte[] wire = ENCODER.encode(r);
        KrpcResponse back = (KrpcResponse) DECODER.decode(wire, 0, wire.length, t -> KrpcMethod.FIND_NODE);
        assertEquals(List.of(six), ((ResponseBody.Nodes) back.body()).nodes6());
    }

    @Test
    void unknownMethodCarriesTheTransactionIdForA204() {
        KrpcException e = assertThrows(KrpcException.class,
                () -> decode("d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:zz1:y1:qe", null));
        assertEquals(KrpcException.Reason.UNKNOWN_METHOD, e.reason());
        assertEquals(KrpcError.METHOD_UNKNOWN, e.errorCode());
        assertArrayEquals(ascii("zz"), e.transactionId());
    }

    @Test
    void responseToNoQueryOfOursIsRefused() {
        KrpcException e = assertThrows(KrpcException.class,
                () -> decode("d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re", null));
        assertEquals(KrpcException.Reason.UNKNOWN_TRANSACTION, e.reason());
        assertNull(e.transactionId(), "no error is sent back for a response");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "le",
        "d1:t2:aae",
        "d1:t2:aa1:y1:xe",
        "d1:ad2:id19:abcdefghij012345678e1:q4:ping1:t2:aa1:y1:qe",
        "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t17:aaaaaaaaaaaaaaaaa1:y1:qe",
        "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti0e5:token2:xxe1:q13:announce_peer1:t2:aa1:y1:qe",
        "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:porti70000e5:token2:xxe1:q13:announce_peer1:t2:aa1:y1:qe",
        "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:q",
    })
    void malformedIsATypedException(String wire) {
        KrpcException e = assertThrows(KrpcException.class, () -> decode(wire, KrpcMethod.FIND_NODE));
        assertTrue(e.getMessage().length() > 0);
    }

    @Test
    void nodesOfTheWrongLengthNameTheField() {
        KrpcException e = assertThrows(KrpcException.class,
                () -> decode("d1:rd2:id20:mnopqrstuvwxyz1234565:nodes3:abce1:t2:aa1:y1:re", KrpcMethod.FIND_NODE));
        assertEquals(KrpcException.Reason.INVALID_FIELD, e.reason());
        assertEquals("nodes", e.field());
        assertTrue(e.offset() > 0);
    }

    @Test
    void oversizedPacketIsRefusedBeforeDecoding() {
        byte[] big = new byte[KrpcLimits.DEFAULT.maxPacketSize() + 1];
        KrpcException e = assertThrows(KrpcException.class, () -> DECODER.decode(big, 0, big.length, t -> null));
        assertEquals(KrpcException.Reason.TOO_LARGE, e.reason());
    }
}
