/**
 * Local service discovery (BEP 14): announcing our torrents to the local network over IP
 * multicast, and learning the peers that announce theirs. {@link dev.torrpedo.engine.internal.lsd.LsdAnnounce}
 * is the pure codec; {@link dev.torrpedo.engine.internal.lsd.LocalDiscovery} owns the socket.
 */
package dev.torrpedo.engine.internal.lsd;
