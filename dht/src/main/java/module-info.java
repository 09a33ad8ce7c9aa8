/**
 * A Kademlia DHT node (BEP 5): the KRPC codec, the routing table, iterative lookups,
 * serving other nodes, and the extensions BEP 32, 33, 42, 43, 44 and 51.
 */
module dev.torrpedo.dht {
    requires transitive dev.torrpedo.metainfo;
    requires transitive io.netty.transport;
    requires transitive io.netty.buffer;
    requires io.netty.common;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.torrpedo.dht;
}
