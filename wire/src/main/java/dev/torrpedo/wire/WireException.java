package dev.torrpedo.wire;

import io.netty.handler.codec.DecoderException;

/**
 * A remote peer broke the wire protocol or one of its limits. Thrown by the pure decoders
 * and by the Netty handlers of this module; the pipeline that {@link PeerWire} installs
 * closes that connection, and only that one, when it sees one.
 *
 * <p>It extends Netty's {@link DecoderException} so that {@code ByteToMessageDecoder}
 * passes it on unwrapped. Subclasses say what kind of breach it was.
 */
public class WireException extends DecoderException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   the message field or protocol step that failed, such as {@code "piece.length"}
     * @param message what was wrong, with the value found and the value expected
     */
    public WireException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** @return the message field or protocol step that failed */
    public String field() {
        return field;
    }
}
