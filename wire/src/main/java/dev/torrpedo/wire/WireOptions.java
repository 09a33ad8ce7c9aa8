package dev.torrpedo.wire;

import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.wire.mse.EncryptionPolicy;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * How {@link PeerWire} sets up a connection. Immutable; the {@code with} methods return
 * a copy.
 *
 * @param peerId     our peer id, sent in every handshake
 * @param reserved   the reserved bits we send (default: extension protocol and fast extension)
 * @param encryption the MSE/PE policy (default {@link EncryptionPolicy#PREFER})
 * @param limits     what a remote peer may send (default {@link WireLimits#DEFAULT})
 * @param random     randomness for MSE/PE keys and padding
 */
public record WireOptions(PeerId peerId, Reserved reserved, EncryptionPolicy encryption, WireLimits limits,
                          SecureRandom random) {

    /** Rejects nulls. */
    public WireOptions {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(reserved, "reserved");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(random, "random");
    }

    /** @return the defaults for {@code peerId}: BEP 10 and BEP 6 bits, prefer encryption, default limits */
    public static WireOptions of(PeerId peerId, SecureRandom random) {
        return new WireOptions(peerId, Reserved.NONE.with(Reserved.EXTENSION_PROTOCOL, true).with(Reserved.FAST, true),
                EncryptionPolicy.PREFER, WireLimits.DEFAULT, random);
    }

    /** @return a copy with other reserved bits */
    public WireOptions withReserved(Reserved bits) {
        return new WireOptions(peerId, bits, encryption, limits, random);
    }

    /** @return a copy with another encryption policy */
    public WireOptions withEncryption(EncryptionPolicy policy) {
        return new WireOptions(peerId, reserved, policy, limits, random);
    }

    /** @return a copy with other limits */
    public WireOptions withLimits(WireLimits newLimits) {
        return new WireOptions(peerId, reserved, encryption, newLimits, random);
    }
}
