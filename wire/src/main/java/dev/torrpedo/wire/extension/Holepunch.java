package dev.torrpedo.wire.extension;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * {@code ut_holepunch} (BEP 55):
 *
 * <pre>
 * +----------+-----------+----------------------+--------+------------+
 * | msg_type | addr_type | addr (4 or 16 bytes) | port 2 | err_code 4 |
 * +----------+-----------+----------------------+--------+------------+
 * </pre>
 *
 * @param type      rendezvous, connect or error
 * @param address   the peer to connect to (or that could not be reached)
 * @param errorCode 0, or for {@link Type#ERROR} one of the {@code E_} codes
 */
public record Holepunch(Type type, InetSocketAddress address, int errorCode) implements ExtensionMessage {
    /** The target is not connected to the relay. */
    public static final int E_NO_SUCH_PEER = 1;
    /** The relay is not connected to the target. */
    public static final int E_NOT_CONNECTED = 2;
    /** The target does not support holepunching. */
    public static final int E_NO_SUPPORT = 3;
    /** The target is the relay itself. */
    public static final int E_NO_SELF = 4;

    /** The three kinds of holepunch message. */
    public enum Type {
        /** 0x00: to the relay, please introduce me to this peer. */
        RENDEZVOUS,
        /** 0x01: from the relay, connect to this peer now. */
        CONNECT,
        /** 0x02: from the relay, that did not work. */
        ERROR
    }

    /** Checks the address. */
    public Holepunch {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address: " + address + " (expected: a resolved IP address)");
        }
    }

    @Override
    public String name() {
        return UT_HOLEPUNCH;
    }
}
