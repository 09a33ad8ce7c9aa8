package dev.torrpedo.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ReferenceCounted;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A message of the peer wire protocol after the handshake: BEP 3, BEP 5's {@code port},
 * BEP 6 (fast extension), BEP 10 (extended) and BEP 52 (hash transfer). Every frame is
 * {@code <length: 4 bytes big-endian><id: 1 byte><payload>}; a length of 0 is a keep-alive.
 *
 * <p>Dispatch with a {@code switch} on {@link #type()}. Records with a {@code byte[]}
 * own it: neither the caller nor the receiver may change it after construction.
 *
 * <p><b>Ownership.</b> Only {@link Piece} holds a reference-counted buffer; it is itself
 * {@link ReferenceCounted} and delegates to its block. A decoded {@code Piece} is a retained
 * slice of the connection's input: its receiver must release it (or pass it on to someone
 * who will), for instance with {@code ReferenceCountUtil.release(msg)}. Writing a
 * {@code Piece} hands its reference to the encoder, which releases it once written.
 */
public sealed interface PeerMessage {

    /** The keep-alive. */
    KeepAlive KEEP_ALIVE = new KeepAlive();
    /** {@code choke}. */
    Choke CHOKE = new Choke();
    /** {@code unchoke}. */
    Unchoke UNCHOKE = new Unchoke();
    /** {@code interested}. */
    Interested INTERESTED = new Interested();
    /** {@code not interested}. */
    NotInterested NOT_INTERESTED = new NotInterested();
    /** {@code have all} (BEP 6). */
    HaveAll HAVE_ALL = new HaveAll();
    /** {@code have none} (BEP 6). */
    HaveNone HAVE_NONE = new HaveNone();

    /** @return what kind of message this is */
    MessageType type();

    /** {@code <len=0>}. */
    record KeepAlive() implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.KEEP_ALIVE;
        }
    }

    /** {@code <len=1><id=0>}. */
    record Choke() implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.CHOKE;
        }
    }

    /** {@code <len=1><id=1>}. */
    record Unchoke() implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.UNCHOKE;
        }
    }

    /** {@code <len=1><id=2>}. */
    record Interested() implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.INTERESTED;
        }
    }

    /** {@code <len=1><id=3>}. */
    record NotInterested() implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.NOT_INTERESTED;
        }
    }

    /**
     * {@code <len=5><id=4><piece index>}.
     *
     * @param piece the index of a piece the sender now has
     */
    record Have(int piece) implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.HAVE;
        }
    }

    /**
     * {@code <len=1+X><id=5><bitfield>}: bit 7 of byte 0 is piece 0. The number of pieces is
     * not on the wire, so the receiver checks it with {@link #checkPieceCount(int)} once it
     * knows the torrent's.
     *
     * @param bits the bitfield bytes (owned by the record)
     */
    record Bitfield(byte[] bits) implements PeerMessage {
        /** Rejects null. */
        public Bitfield {
            Objects.requireNonNull(bits, "bits");
        }

        /** @return a bitfield of {@code pieceCount} pieces with the pieces of {@code have} set */
        public static Bitfield of(java.util.BitSet have, int pieceCount) {
            byte[] b = new byte[(pieceCount + 7) >>> 3];
            for (int i = have.nextSetBit(0); i >= 0 && i < pieceCount; i = have.nextSetBit(i + 1)) {
                b[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
            return new Bitfield(b);
        }

        @Override
        public MessageType type() {
            return MessageType.BITFIELD;
        }

        /** @return whether the bit of {@code piece} is set (false past the end) */
        public boolean has(int piece) {
            int i = piece >>> 3;
            return piece >= 0 && i < bits.length && (bits[i] & (0x80 >>> (piece & 7))) != 0;
        }

        /** @return the set bits as a {@link java.util.BitSet} indexed by piece */
        public java.util.BitSet toBitSet() {
            java.util.BitSet set = new java.util.BitSet(bits.length * 8);
            for (int i = 0; i < bits.length * 8; i++) {
                if (has(i)) {
                    set.set(i);
                }
            }
            return set;
        }

        /**
         * Checks the bitfield against the torrent: exactly {@code ceil(pieceCount / 8)}
         * bytes, and the spare bits of the last byte clear (BEP 3).
         *
         * @throws MalformedMessageException if either is not so
         */
        public void checkPieceCount(int pieceCount) {
            int expected = (pieceCount + 7) >>> 3;
            if (bits.length != expected) {
                throw new MalformedMessageException("bitfield.length", bits.length + " bytes for " + pieceCount
                        + " pieces (expected: " + expected + ")");
            }
            int spare = expected * 8 - pieceCount;
            if (spare > 0 && (bits[expected - 1] & ((1 << spare) - 1)) != 0) {
                throw new MalformedMessageException("bitfield.spare", "spare bits set after piece " + (pieceCount - 1));
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bitfield b && Arrays.equals(bits, b.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }

        @Override
        public String toString() {
            return "Bitfield[" + bits.length + " bytes]";
        }
    }

    /**
     * {@code <len=13><id=6><index><begin><length>}.
     *
     * @param piece  piece index
     * @param begin  byte offset in the piece
     * @param length block length
     */
    record Request(int piece, int begin, int length) implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.REQUEST;
        }
    }

    /**
     * {@code <len=9+X><id=7><index><begin><block>}. Reference-counted through its block: see
     * the ownership rules of {@link PeerMessage}.
     *
     * @param piece piece index
     * @param begin byte offset in the piece
     * @param block the data; a retained slice when decoded
     */
    record Piece(int piece, int begin, ByteBuf block) implements PeerMessage, ReferenceCounted {
        /** Rejects null. */
        public Piece {
            Objects.requireNonNull(block, "block");
        }

        @Override
        public MessageType type() {
            return MessageType.PIECE;
        }

        @Override
        public int refCnt() {
            return block.refCnt();
        }

        @Override
        public Piece retain() {
            block.retain();
            return this;
        }

        @Override
        public Piece retain(int increment) {
            block.retain(increment);
            return this;
        }

        @Override
        public Piece touch() {
            block.touch();
            return this;
        }

        @Override
        public Piece touch(Object hint) {
            block.touch(hint);
            return this;
        }

        @Override
        public boolean release() {
            return block.release();
        }

        @Override
        public boolean release(int decrement) {
            return block.release(decrement);
        }

        /** Compares the block's readable bytes, not its indices. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Piece p && piece == p.piece && begin == p.begin && ByteBufUtil.equals(block, p.block);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * piece + begin) + block.readableBytes();
        }

        @Override
        public String toString() {
            return "Piece[piece=" + piece + ", begin=" + begin + ", length=" + block.readableBytes() + "]";
        }
    }

    /**
     * {@code <len=13><id=8><index><begin><length>}.
     *
     * @param piece  piece index
     * @param begin  byte offset in the piece
     * @param length block length
     */
    record Cancel(int piece, int begin, int length) implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.CANCEL;
        }
    }

    /**
     * {@code <len=3><id=9><listen-port: 2 bytes>} (BEP 5).
     *
     * @param port the sender's DHT port, 0 to 65535
     */
    record Port(int port) implements PeerMessage {
        /** Checks the range. */
        public Port {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
            }
        }

        @Override
        public MessageType type() {
            return MessageType.PORT;
        }
    }

    /**
     * {@code <len=5><id=13><piece index>} (BEP 6).
     *
     * @param piece a piece the sender suggests downloading
     */
    record Suggest(int piece) implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.SUGGEST;
        }
    }

    /** {@code <len=1><id=14>} (BEP 6). */
    record HaveAll() implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.HAVE_ALL;
        }
    }

    /** {@code <len=1><id=15>} (BEP 6). */
    record HaveNone() implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.HAVE_NONE;
        }
    }

    /**
     * {@code <len=13><id=16><index><begin><length>} (BEP 6): a request the sender will not serve.
     *
     * @param piece  piece index
     * @param begin  byte offset in the piece
     * @param length block length
     */
    record Reject(int piece, int begin, int length) implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.REJECT;
        }
    }

    /**
     * {@code <len=5><id=17><piece index>} (BEP 6).
     *
     * @param piece a piece the receiver may request even while choked
     */
    record AllowedFast(int piece) implements PeerMessage {
        @Override
        public MessageType type() {
            return MessageType.ALLOWED_FAST;
        }
    }

    /**
     * {@code <len=2+X><id=20><extended id><payload>} (BEP 10). Extended id 0 is the extended
     * handshake; the others are the receiver's own ids from its handshake's {@code m}.
     * {@code dev.torrpedo.wire.extension} decodes the payloads.
     *
     * @param extendedId 0 to 255
     * @param payload    the bytes after the extended id (owned by the record)
     */
    record Extended(int extendedId, byte[] payload) implements PeerMessage {
        /** Checks the id range. */
        public Extended {
            if (extendedId < 0 || extendedId > 0xFF) {
                throw new IllegalArgumentException("extendedId: " + extendedId + " (expected: 0..255)");
            }
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public MessageType type() {
            return MessageType.EXTENDED;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extended e && extendedId == e.extendedId && Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return 31 * extendedId + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Extended[id=" + extendedId + ", " + payload.length + " bytes]";
        }
    }

    /**
     * {@code <len=49><id=21><pieces root: 32><base layer><index><length><proof layers>} (BEP 52).
     *
     * @param piecesRoot  the root of the file's merkle tree (owned by the record)
     * @param baseLayer   the layer of the hashes asked for (0 is the leaves)
     * @param index       the offset, in hashes, of the first one in that layer
     * @param length      how many hashes
     * @param proofLayers how many uncle layers of proof to add
     */
    record HashRequest(byte[] piecesRoot, int baseLayer, int index, int length, int proofLayers) implements PeerMessage {
        /** Checks the root's length. */
        public HashRequest {
            HashFields.checkRoot(piecesRoot);
        }

        @Override
        public MessageType type() {
            return MessageType.HASH_REQUEST;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HashRequest h && Arrays.equals(piecesRoot, h.piecesRoot) && baseLayer == h.baseLayer
                    && index == h.index && length == h.length && proofLayers == h.proofLayers;
        }

        @Override
        public int hashCode() {
            return HashFields.hash(piecesRoot, baseLayer, index, length, proofLayers);
        }

        @Override
        public String toString() {
            return HashFields.describe("HashRequest", piecesRoot, baseLayer, index, length, proofLayers);
        }
    }

    /**
     * {@code <len=49+32n><id=22><pieces root><base layer><index><length><proof layers><hashes>} (BEP 52).
     *
     * @param piecesRoot  the root of the file's merkle tree (owned by the record)
     * @param baseLayer   the layer of the hashes
     * @param index       the offset of the first hash in that layer
     * @param length      how many base-layer hashes
     * @param proofLayers how many uncle layers follow them
     * @param hashes      the base-layer hashes then the proof hashes, 32 bytes each (owned by the record)
     */
    record Hashes(byte[] piecesRoot, int baseLayer, int index, int length, int proofLayers, byte[] hashes)
            implements PeerMessage {
        /** Checks the lengths. */
        public Hashes {
            HashFields.checkRoot(piecesRoot);
            if (hashes.length % 32 != 0) {
                throw new IllegalArgumentException("hashes: " + hashes.length + " bytes (expected: a multiple of 32)");
            }
        }

        @Override
        public MessageType type() {
            return MessageType.HASHES;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hashes h && Arrays.equals(piecesRoot, h.piecesRoot) && baseLayer == h.baseLayer
                    && index == h.index && length == h.length && proofLayers == h.proofLayers
                    && Arrays.equals(hashes, h.hashes);
        }

        @Override
        public int hashCode() {
            return 31 * HashFields.hash(piecesRoot, baseLayer, index, length, proofLayers) + Arrays.hashCode(hashes);
        }

        @Override
        public String toString() {
            return HashFields.describe("Hashes", piecesRoot, baseLayer, index, length, proofLayers)
                    .replace("]", ", " + hashes.length / 32 + " hashes]");
        }
    }

    /**
     * {@code <len=49><id=23>} and the fields of the {@link HashRequest} it refuses (BEP 52).
     *
     * @param piecesRoot  as in the request (owned by the record)
     * @param baseLayer   as in the request
     * @param index       as in the request
     * @param length      as in the request
     * @param proofLayers as in the request
     */
    record HashReject(byte[] piecesRoot, int baseLayer, int index, int length, int proofLayers) implements PeerMessage {
        /** Checks the root's length. */
        public HashReject {
            HashFields.checkRoot(piecesRoot);
        }

        @Override
        public MessageType type() {
            return MessageType.HASH_REJECT;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HashReject h && Arrays.equals(piecesRoot, h.piecesRoot) && baseLayer == h.baseLayer
                    && index == h.index && length == h.length && proofLayers == h.proofLayers;
        }

        @Override
        public int hashCode() {
            return HashFields.hash(piecesRoot, baseLayer, index, length, proofLayers);
        }

        @Override
        public String toString() {
            return HashFields.describe("HashReject", piecesRoot, baseLayer, index, length, proofLayers);
        }
    }

    /**
     * A message with an id we do not speak; BEP 3 says to ignore it.
     *
     * @param id      the id byte, 0 to 255
     * @param payload the bytes after it (owned by the record)
     */
    record Unknown(int id, byte[] payload) implements PeerMessage {
        /** Checks the id. */
        public Unknown {
            if (id < 0 || id > 0xFF || MessageType.ofId(id) != MessageType.UNKNOWN) {
                throw new IllegalArgumentException("id: " + id + " (expected: 0..255, not a known id)");
            }
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public MessageType type() {
            return MessageType.UNKNOWN;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && id == u.id && Arrays.equals(payload, u.payload);
        }

        @Override
        public int hashCode() {
            return 31 * id + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Unknown[id=" + id + ", " + payload.length + " bytes, " + HexFormat.of().formatHex(payload, 0,
                    Math.min(16, payload.length)) + "]";
        }
    }
}
