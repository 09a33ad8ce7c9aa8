/**
 * Trackers: HTTP(S) and UDP announce and scrape clients, BEP 12 tiers with re-announce
 * timing, the pure decoders of tracker replies, and a small embedded tracker.
 */
module dev.torrpedo.tracker {
    requires transitive dev.torrpedo.metainfo;
    requires transitive io.netty.buffer;
    requires transitive io.netty.transport;
    requires transitive io.netty.resolver;
    requires transitive io.netty.handler;
    requires io.netty.common;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires org.slf4j;

    exports dev.torrpedo.tracker;
    exports dev.torrpedo.tracker.codec;
    exports dev.torrpedo.tracker.server;
}
