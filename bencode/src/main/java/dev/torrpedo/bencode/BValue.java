package dev.torrpedo.bencode;

import java.nio.ByteBuffer;

/**
 * An immutable bencoded value: a byte string, an integer, a list or a dictionary.
 *
 * <p>A decoded value is a view into the decoder's input; it copies nothing, so the caller
 * must not change that buffer while values of it are in use. Values built with the
 * factories ({@link BString#of(byte[])}, {@link BList#of(BValue...)},
 * {@link BDictionary#builder()}) own their bytes.
 *
 * <p>Two values are equal when their canonical encodings are equal: dictionaries compare
 * as maps, whatever order their keys had in the input.
 */
public sealed interface BValue permits BString, BInteger, BList, BDictionary {

    /** The four kinds of bencoded value, for an exhaustive {@code switch}. */
    enum Kind {
        /** {@link BString}. */
        STRING,
        /** {@link BInteger}. */
        INTEGER,
        /** {@link BList}. */
        LIST,
        /** {@link BDictionary}. */
        DICTIONARY
    }

    /** @return which kind of value this is */
    Kind kind();

    /**
     * The exact bytes this value was decoded from (for a built value: its canonical
     * encoding). The info-hash of a torrent is the SHA-1 of its info dictionary's raw bytes.
     *
     * @return a read-only buffer over those bytes, positioned at 0
     */
    ByteBuffer raw();

    /** @return a copy of {@link #raw()} */
    byte[] rawBytes();

    /** @return the offset of this value's first byte in the decoded range (0 for built values) */
    int offset();

    /**
     * @return this value as a string
     * @throws BencodeException {@link BencodeError#WRONG_TYPE} if it is not one
     */
    default BString asString() {
        if (this instanceof BString s) {
            return s;
        }
        throw Node.wrongType(this, null, Kind.STRING);
    }

    /**
     * @return this value as an integer
     * @throws BencodeException {@link BencodeError#WRONG_TYPE} if it is not one
     */
    default BInteger asInteger() {
        if (this instanceof BInteger i) {
            return i;
        }
        throw Node.wrongType(this, null, Kind.INTEGER);
    }

    /**
     * @return this value as a list
     * @throws BencodeException {@link BencodeError#WRONG_TYPE} if it is not one
     */
    default BList asList() {
        if (this instanceof BList l) {
            return l;
        }
        throw Node.wrongType(this, null, Kind.LIST);
    }

    /**
     * @return this value as a dictionary
     * @throws BencodeException {@link BencodeError#WRONG_TYPE} if it is not one
     */
    default BDictionary asDictionary() {
        if (this instanceof BDictionary d) {
            return d;
        }
        throw Node.wrongType(this, null, Kind.DICTIONARY);
    }
}
