/**
 * The BitTorrent peer wire protocol on Netty: the 68-byte {@link dev.torrpedo.wire.Handshake},
 * {@link dev.torrpedo.wire.PeerMessage} records (BEP 3, 5, 6, 10, 52) with a pure frame
 * decoder and an encoder, the allowed-fast set of BEP 6, torrent lookup for inbound
 * connections, and {@link dev.torrpedo.wire.PeerWire}, which puts it all on a channel.
 * Extension messages are in {@code dev.torrpedo.wire.extension}, MSE/PE in
 * {@code dev.torrpedo.wire.mse}. Nothing here knows about pickers, files or sessions.
 */
package dev.torrpedo.wire;
