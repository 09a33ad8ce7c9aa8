/** Bencode: zero-copy token decoder, immutable values, canonical encoder. */
module dev.torrpedo.bencode {
    requires static io.netty.buffer;

    exports dev.torrpedo.bencode;
}
