package dev.torrpedo.dht;

import dev.torrpedo.bencode.BValue;
import dev.torrpedo.dht.internal.Sha1;
import java.util.Objects;

/**
 * A BEP 44 immutable item: any bencoded value of at most 1000 bytes, stored under the
 * SHA-1 of its encoding.
 *
 * @param value the value
 */
public record ImmutableItem(BValue value) {

    /** Checks the value is present and not over 1000 bytes encoded. */
    public ImmutableItem {
        Objects.requireNonNull(value, "value");
        int size = value.raw().remaining();
        if (size > MutableItem.MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("value: " + size + " bytes (expected: <= 1000)");
        }
    }

    /** @return the target it is stored under: SHA-1 of the value's bencoding */
    public NodeId target() {
        return NodeId.of(Sha1.of(value.raw()));
    }
}
