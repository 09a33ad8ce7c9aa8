package dev.torrpedo.wire.extension;

/**
 * {@code lt_donthave} (BEP 54): the sender no longer has a piece. Payload: the piece index,
 * 4 bytes big-endian.
 *
 * @param piece the piece index
 */
public record DontHave(int piece) implements ExtensionMessage {
    @Override
    public String name() {
        return LT_DONTHAVE;
    }
}
