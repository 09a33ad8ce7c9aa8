/**
 * The engine: sessions, torrents, peer connections, and the components they are built from
 * (piece picker, request pipelining, choker, rate limits). The public API is the package
 * {@code dev.torrpedo.engine}; everything else is internal.
 */
module dev.torrpedo.engine {
    requires transitive dev.torrpedo.metainfo;
    requires dev.torrpedo.wire;
    requires dev.torrpedo.tracker;
    requires dev.torrpedo.storage;
    requires dev.torrpedo.dht;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.resolver;
    requires io.netty.resolver.dns;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.handler;
    requires org.slf4j;

    exports dev.torrpedo.engine;
}
