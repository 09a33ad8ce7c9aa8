package dev.torrpedo.engine.internal.pex;

import dev.torrpedo.wire.WireLimits;
import dev.torrpedo.wire.extension.ExtensionCodec;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.Pex;
import dev.torrpedo.wire.extension.PexPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which peers of a {@code ut_pex} message (BEP 11) are worth dialling: at most
 * {@link #MAX_PEERS_PER_MESSAGE} of its {@code added} peers, in the order sent, without
 * duplicates, port 0, unspecified, multicast or broadcast addresses; addresses on a local
 * network (loopback, private, link-local) only when the sender is on one too, as libtorrent
 * does, so a peer cannot point us at hosts of our own network. {@code dropped} peers are
 * ignored: a peer we know of stays a candidate until dialling it fails.
 *
 * <p>Pure and stateless.
 */
public final class PexIntake {
    /** The most peers taken from one message. */
    public static final int MAX_PEERS_PER_MESSAGE = 50;

    private PexIntake() {
    }

    /**
     * @param pex  the decoded message
     * @param from the sender's address
     * @return the peers to dial, at most {@link #MAX_PEERS_PER_MESSAGE}
     */
    public static List<InetSocketAddress> accept(Pex pex, InetAddress from) {
        boolean senderLocal = from != null && isLocal(from);
        Set<InetSocketAddress> out = new LinkedHashSet<>();
        for (PexPeer p : pex.added()) {
            if (out.size() >= MAX_PEERS_PER_MESSAGE) {
                break;
            }
            InetSocketAddress a = p.address();
            InetAddress ip = a.getAddress();
            if (a.getPort() == 0 || ip == null || ip.isAnyLocalAddress() || ip.isMulticastAddress() || isBroadcast(ip)) {
                continue;
            }
            if (isLocal(ip) && !senderLocal) {
                continue;
            }
            out.add(a);
        }
        return new ArrayList<>(out);
    }

    /**
     * Decodes a {@code ut_pex} payload with {@code limits} and takes its peers, as a
     * connection does with what a peer sends.
     *
     * @throws dev.torrpedo.wire.WireException if the payload is malformed or over its limit
     */
    public static List<InetSocketAddress> accept(byte[] payload, InetAddress from, WireLimits limits) {
        Optional<ExtensionMessage> m = ExtensionCodec.decode(ExtensionMessage.UT_PEX, payload, limits);
        return m.isPresent() && m.get() instanceof Pex pex ? accept(pex, from) : List.of();
    }

    /** @return whether the address is on a local network: loopback, private, link-local */
    static boolean isLocal(InetAddress ip) {
        if (ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()) {
            return true;
        }
        byte[] b = ip.getAddress();
        return b.length == 16 && (b[0] & 0xFE) == 0xFC; // IPv6 unique local, fc00::/7
    }

    private static boolean isBroadcast(InetAddress ip) {
        byte[] b = ip.getAddress();
        return b.length == 4 && (b[0] & b[1] & b[2] & b[3]) == (byte) 0xFF;
    }
}
