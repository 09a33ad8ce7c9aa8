package dev.torrpedo.bencode;

/** What went wrong in a {@link BencodeException}. */
public enum BencodeError {
    /** The input is longer than {@link BencodeLimits#maxInputSize()}. */
    INPUT_TOO_LARGE,
    /** The input ended inside a value. */
    UNEXPECTED_EOF,
    /** A byte that cannot start a value (or end a container) was found. */
    EXPECTED_VALUE,
    /** A string length was not followed by {@code ':'}. */
    EXPECTED_COLON,
    /** An integer is empty, malformed or not closed by {@code 'e'}. */
    INVALID_INTEGER,
    /** An integer or string length does not fit in 64 bits. */
    INTEGER_OVERFLOW,
    /** An integer or string length has a leading zero (strict mode). */
    LEADING_ZERO,
    /** The integer {@code i-0e} (strict mode). */
    NEGATIVE_ZERO,
    /** A dictionary key is not a byte string. */
    KEY_NOT_STRING,
    /** Dictionary keys are not in ascending byte order (strict mode). */
    UNSORTED_KEYS,
    /** A dictionary holds the same key twice. */
    DUPLICATE_KEY,
    /** Containers are nested deeper than {@link BencodeLimits#maxDepth()}. */
    DEPTH_EXCEEDED,
    /** The input holds more values than {@link BencodeLimits#maxTokens()}. */
    TOKEN_LIMIT_EXCEEDED,
    /** Bytes follow the root value. */
    TRAILING_DATA,
    /** A required dictionary key is absent. */
    MISSING_KEY,
    /** A value has another type than the one asked for. */
    WRONG_TYPE,
    /** An integer is outside the range the caller accepts. */
    VALUE_OUT_OF_RANGE
}
