/** Bencode: zero-copy token decoder, immutable values, canonical encoder. */
module dev.torrpedo.bencode {
    requires static transitive io.netty.buffer;

    exports dev.torrpedo.bencode;
}
