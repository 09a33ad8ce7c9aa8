package dev.torrpedo.bencode;

import java.util.Arrays;

/**
 * The flat token index of one decoded input, after libtorrent's bdecode: one pass, no
 * recursion, no copy of any string. Each value is a token of four ints:
 *
 * <pre>
 *   [0] raw start   offset of the value's first byte in buf
 *   [1] raw end     offset just past its last byte
 *   [2] aux         string: offset of the payload; list/dict: number of children; int: 0
 *   [3] next|type   (index of the next sibling token &lt;&lt; 3) | type
 * </pre>
 *
 * A container's children follow it in document order; a dictionary's children alternate
 * key, value.
 */
final class TokenIndex {
    static final int INT = 1;
    static final int STRING = 2;
    static final int LIST = 3;
    static final int DICT = 4;

    private static final int STRIDE = 4;

    final byte[] buf;
    /** Offset of the decoded range in buf; error offsets are relative to it. */
    final int base;
    /** Offset just past the root value. */
    final int end;
    /** True when every value is in canonical form, so raw spans are canonical encodings. */
    final boolean canonical;
    private final int[] tokens;

    private TokenIndex(byte[] buf, int base, int end, int[] tokens, boolean canonical) {
        this.buf = buf;
        this.base = base;
        this.end = end;
        this.tokens = tokens;
        this.canonical = canonical;
    }

    int type(int token) {
        return tokens[token * STRIDE + 3] & 7;
    }

    int rawStart(int token) {
        return tokens[token * STRIDE];
    }

    int rawEnd(int token) {
        return tokens[token * STRIDE + 1];
    }

    /** String payload offset, or a container's child count. */
    int aux(int token) {
        return tokens[token * STRIDE + 2];
    }

    int next(int token) {
        return tokens[token * STRIDE + 3] >>> 3;
    }

    /** Parses the integer token; its syntax was checked by the scan. */
    long longValue(int token) {
        int p = rawStart(token) + 1;
        int stop = rawEnd(token) - 1;
        boolean negative = buf[p] == '-';
        if (negative) {
            p++;
        }
        long v = 0;
        for (; p < stop; p++) {
            v = v * 10 - (buf[p] - '0');
        }
        return negative ? v : -v;
    }

    BValue view(int token) {
        switch (type(token)) {
            case INT:
                return new BInteger(this, token);
            case STRING:
                return new BString(this, token);
            case LIST:
                return new BList(this, token);
            default:
                return new BDictionary(this, token);
        }
    }

    /** Unsigned lexicographic order of two string tokens' payloads. */
    int compareStrings(int a, int b) {
        int as = aux(a);
        int bs = aux(b);
        return Arrays.compareUnsigned(buf, as, rawEnd(a), buf, bs, rawEnd(b));
    }

    // ---------------------------------------------------------------- the scan

    static TokenIndex scan(byte[] buf, int off, int len, BencodeLimits limits, BencodeMode mode,
                           boolean allowTrailing) {
        if (off < 0 || len < 0 || len > buf.length - off) {
            throw new IndexOutOfBoundsException("range [" + off + ", " + off + " + " + len + ") of " + buf.length);
        }
        if (len > limits.maxInputSize()) {
            throw BencodeException.at(BencodeError.INPUT_TOO_LARGE, limits.maxInputSize(),
                    "input: " + len + " bytes (expected: <= " + limits.maxInputSize() + ")");
        }
        return new Scanner(buf, off, len, limits, mode == BencodeMode.STRICT).run(allowTrailing);
    }

    /** The single iterative pass. */
    private static final class Scanner {
        private final byte[] buf;
        private final int base;
        private final int end;
        private final BencodeLimits limits;
        private final boolean strict;
        private final int tokenCapacityLimit;

        private int[] tokens;
        private int count;
        private boolean canonical = true;

        /** Open containers: their token indexes. */
        private int[] stack;
        /** Per open dictionary: the last key token, or -1. */
        private int[] lastKey;
        /** Per open dictionary: keys were seen out of order (lenient mode). */
        private boolean[] unsorted;
        private int depth;

        Scanner(byte[] buf, int off, int len, BencodeLimits limits, boolean strict) {
            this.buf = buf;
            this.base = off;
            this.end = off + len;
            this.limits = limits;
            this.strict = strict;
            // Every token starts at its own byte, so no input needs more tokens than bytes.
            this.tokenCapacityLimit = Math.min(limits.maxTokens(), len);
            this.tokens = new int[Math.min(tokenCapacityLimit, len / 16 + 8) * STRIDE];
            int stackSize = Math.min(limits.maxDepth(), 32);
            this.stack = new int[stackSize];
            this.lastKey = new int[stackSize];
            this.unsorted = new boolean[stackSize];
        }

        TokenIndex run(boolean allowTrailing) {
            int pos = base;
            while (true) {
                if (pos >= end) {
                    throw fail(BencodeError.UNEXPECTED_EOF, pos, depth > 0 ? "unterminated container" : "empty input");
                }
                byte c = buf[pos];
                if (c == 'e' && depth > 0) {
                    pos = close(pos);
                    if (depth == 0) {
                        break;
                    }
                    continue;
                }
                boolean key = false;
                if (depth > 0) {
                    int parent = stack[depth - 1];
                    int children = tokens[parent * STRIDE + 2]++;
                    key = (tokens[parent * STRIDE + 3] & 7) == DICT && (children & 1) == 0;
                }
                if (count == limits.maxTokens()) {
                    throw fail(BencodeError.TOKEN_LIMIT_EXCEEDED, pos,
                            "tokens: more than " + limits.maxTokens() + " (expected: <= " + limits.maxTokens() + ")");
                }
                if (count * STRIDE == tokens.length) {
                    grow();
                }
                int t = count++;
                int at = t * STRIDE;
                tokens[at] = pos;
                if (c >= '0' && c <= '9') {
                    pos = string(pos, at);
                    tokens[at + 3] = (count << 3) | STRING;
                    if (key) {
                        checkKeyOrder(t);
                    }
                } else if (key) {
                    throw fail(BencodeError.KEY_NOT_STRING, pos, "dictionary key is not a string");
                } else if (c == 'i') {
                    pos = integer(pos);
                    tokens[at + 1] = pos;
                    tokens[at + 2] = 0;
                    tokens[at + 3] = (count << 3) | INT;
                } else if (c == 'l' || c == 'd') {
                    open(t, c == 'd' ? DICT : LIST, pos);
                    pos++;
                } else {
                    throw fail(BencodeError.EXPECTED_VALUE, pos, "unexpected byte 0x" + Integer.toHexString(c & 0xff));
                }
                if (depth == 0) {
                    break;
                }
            }
            if (!allowTrailing && pos != end) {
                throw fail(BencodeError.TRAILING_DATA, pos, (end - pos) + " bytes after the root value");
            }
            return new TokenIndex(buf, base, pos, tokens, canonical);
        }

        private void grow() {
            int cap = tokens.length / STRIDE;
            int newCap = (int) Math.min(tokenCapacityLimit, Math.max(16L, cap * 2L));
            tokens = Arrays.copyOf(tokens, newCap * STRIDE);
        }

        private void open(int t, int type, int pos) {
            if (depth == limits.maxDepth()) {
                throw fail(BencodeError.DEPTH_EXCEEDED, pos,
                        "depth: " + (depth + 1) + " (expected: <= " + limits.maxDepth() + ")");
            }
            if (depth == stack.length) {
                int n = (int) Math.min(limits.maxDepth(), stack.length * 2L);
                stack = Arrays.copyOf(stack, n);
                lastKey = Arrays.copyOf(lastKey, n);
                unsorted = Arrays.copyOf(unsorted, n);
            }
            int at = t * STRIDE;
            tokens[at + 2] = 0;
            tokens[at + 3] = type;
            stack[depth] = t;
            lastKey[depth] = -1;
            unsorted[depth] = false;
            depth++;
        }

        private int close(int pos) {
            int t = stack[depth - 1];
            int at = t * STRIDE;
            int type = tokens[at + 3] & 7;
            if (type == DICT && (tokens[at + 2] & 1) != 0) {
                throw fail(BencodeError.EXPECTED_VALUE, pos, "dictionary key without a value");
            }
            tokens[at + 1] = pos + 1;
            tokens[at + 3] = (count << 3) | type;
            if (type == DICT) {
                tokens[at + 2] >>>= 1;
                if (unsorted[depth - 1]) {
                    checkDuplicates(t);
                }
            }
            depth--;
            return pos + 1;
        }

        /** Strings: {@code <length>:<bytes>}. Returns the offset after the string. */
        private int string(int pos, int at) {
            int p = pos;
            long length = 0;
            while (p < end && buf[p] >= '0' && buf[p] <= '9') {
                length = length * 10 + (buf[p] - '0');
                if (length > Integer.MAX_VALUE) {
                    throw fail(BencodeError.INTEGER_OVERFLOW, pos, "string length does not fit in 31 bits");
                }
                p++;
            }
            if (p >= end) {
                throw fail(BencodeError.UNEXPECTED_EOF, p, "string length without ':'");
            }
            if (buf[p] != ':') {
                throw fail(BencodeError.EXPECTED_COLON, p, "expected ':' after string length");
            }
            if (p - pos > 1 && buf[pos] == '0') {
                nonCanonical(BencodeError.LEADING_ZERO, pos, "string length with a leading zero");
            }
            int payload = p + 1;
            if (length > end - payload) {
                throw fail(BencodeError.UNEXPECTED_EOF, payload,
                        "string length: " + length + " (expected: <= " + (end - payload) + " remaining bytes)");
            }
            tokens[at + 1] = payload + (int) length;
            tokens[at + 2] = payload;
            return payload + (int) length;
        }

        /** Integers: {@code i<digits>e}. Returns the offset after the 'e'. */
        private int integer(int pos) {
            int p = pos + 1;
            boolean negative = p < end && buf[p] == '-';
            if (negative) {
                p++;
            }
            int digits = p;
            long v = 0; // accumulated negative, so Long.MIN_VALUE fits
            long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
            long multLimit = limit / 10;
            while (p < end && buf[p] >= '0' && buf[p] <= '9') {
                int d = buf[p] - '0';
                if (v < multLimit || v * 10 < limit + d) {
                    throw fail(BencodeError.INTEGER_OVERFLOW, pos, "integer does not fit in 64 bits");
                }
                v = v * 10 - d;
                p++;
            }
            if (p >= end) {
                throw fail(BencodeError.UNEXPECTED_EOF, p, "unterminated integer");
            }
            if (p == digits || buf[p] != 'e') {
                throw fail(BencodeError.INVALID_INTEGER, p, "expected a digit or 'e' in integer");
            }
            if (p - digits > 1 && buf[digits] == '0') {
                nonCanonical(BencodeError.LEADING_ZERO, pos, "integer with a leading zero");
            }
            if (negative && v == 0) {
                nonCanonical(BencodeError.NEGATIVE_ZERO, pos, "integer -0");
            }
            return p + 1;
        }

        private void checkKeyOrder(int key) {
            int level = depth - 1;
            int previous = lastKey[level];
            lastKey[level] = key;
            if (previous < 0) {
                return;
            }
            int cmp = compare(previous, key);
            if (cmp == 0) {
                throw fail(BencodeError.DUPLICATE_KEY, tokens[key * STRIDE], "duplicate dictionary key");
            }
            if (cmp > 0) {
                nonCanonical(BencodeError.UNSORTED_KEYS, tokens[key * STRIDE], "dictionary keys out of order");
                unsorted[level] = true;
            }
        }

        /** Lenient mode, a dictionary with keys out of order: sort them and look for equal neighbours. */
        private void checkDuplicates(int dict) {
            int n = tokens[dict * STRIDE + 2];
            int[] keys = new int[n];
            int k = dict + 1;
            for (int i = 0; i < n; i++) {
                keys[i] = k;
                k = tokens[(k + 1) * STRIDE + 3] >>> 3; // skip the value
            }
            TokenSort.sort(keys, this::compare);
            for (int i = 1; i < n; i++) {
                if (compare(keys[i - 1], keys[i]) == 0) {
                    int later = Math.max(keys[i - 1], keys[i]);
                    throw fail(BencodeError.DUPLICATE_KEY, tokens[later * STRIDE], "duplicate dictionary key");
                }
            }
        }

        private int compare(int a, int b) {
            int as = a * STRIDE;
            int bs = b * STRIDE;
            return Arrays.compareUnsigned(buf, tokens[as + 2], tokens[as + 1], buf, tokens[bs + 2], tokens[bs + 1]);
        }

        private void nonCanonical(BencodeError error, int pos, String detail) {
            if (strict) {
                throw fail(error, pos, detail);
            }
            canonical = false;
        }

        private BencodeException fail(BencodeError error, int pos, String detail) {
            return BencodeException.at(error, pos - base, detail);
        }
    }
}
