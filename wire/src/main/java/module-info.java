/** The peer wire protocol on Netty: handshake, messages, extension protocol, MSE/PE encryption. */
module dev.torrpedo.wire {
    requires transitive dev.torrpedo.metainfo;
    requires transitive io.netty.buffer;
    requires transitive io.netty.codec;
    requires transitive io.netty.common;
    requires transitive io.netty.transport;
    requires org.bouncycastle.provider;
    requires org.slf4j;

    exports dev.torrpedo.wire;
    exports dev.torrpedo.wire.extension;
    exports dev.torrpedo.wire.mse;
}
