package dev.torrpedo.bencode;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Writes canonical bencode: the raw span of a value from a canonical document is copied as
 * it is; any other value is re-encoded with sorted keys and canonical integers, iteratively
 * so that no depth of nesting can overflow the stack.
 */
final class CanonicalWriter {
    private CanonicalWriter() {
    }

    /** Where encoded bytes go. */
    interface Sink {
        void write(byte b);

        void write(byte[] b, int off, int len);
    }

    /** A growable array. */
    static final class ArraySink implements Sink {
        private byte[] buf;
        private int size;

        ArraySink(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int extra) {
            if (buf.length - size < extra) {
                long want = Math.max((long) size + extra, buf.length * 2L);
                if (want > Integer.MAX_VALUE - 8) {
                    throw new OutOfMemoryError("bencoded value larger than 2 GiB");
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        @Override
        public void write(byte b) {
            ensure(1);
            buf[size++] = b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        /** Decodes what was written, which this program built, so no limit applies. */
        BValue decode() {
            TokenIndex doc = TokenIndex.scan(buf, 0, size, BencodeLimits.TRUSTED, BencodeMode.STRICT, false);
            return doc.view(0);
        }
    }

    static byte[] toBytes(TokenIndex doc, int token) {
        ArraySink sink = new ArraySink(doc.rawEnd(token) - doc.rawStart(token));
        writeTokens(sink, doc, token);
        return sink.toByteArray();
    }

    static void write(Sink out, BValue value) {
        Node n = (Node) value;
        if (n.doc.canonical) {
            int start = n.doc.rawStart(n.token);
            out.write(n.doc.buf, start, n.doc.rawEnd(n.token) - start);
        } else {
            writeTokens(out, n.doc, n.token);
        }
    }

    static void writeString(Sink out, byte[] b, int off, int len) {
        writeDecimal(out, len);
        out.write((byte) ':');
        out.write(b, off, len);
    }

    static void writeLong(Sink out, long v) {
        out.write((byte) 'i');
        writeDecimal(out, v);
        out.write((byte) 'e');
    }

    private static void writeDecimal(Sink out, long v) {
        byte[] digits = new byte[20];
        int p = digits.length;
        long x = v < 0 ? v : -v; // negative, so Long.MIN_VALUE works
        do {
            digits[--p] = (byte) ('0' - (x % 10));
            x /= 10;
        } while (x != 0);
        if (v < 0) {
            out.write((byte) '-');
        }
        out.write(digits, p, digits.length - p);
    }

    /** One open container while re-encoding. */
    private static final class Frame {
        final int[] sortedKeys; // dictionaries only
        final int n;            // children to write (dictionaries: keys and values)
        int pos;
        int cursor;             // lists only: the next child token

        Frame(int[] sortedKeys, int n, int cursor) {
            this.sortedKeys = sortedKeys;
            this.n = n;
            this.cursor = cursor;
        }
    }

    private static void writeTokens(Sink out, TokenIndex doc, int root) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        emit(out, doc, root, stack);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.pos == f.n) {
                out.write((byte) 'e');
                stack.pop();
            } else if (f.sortedKeys == null) {
                int t = f.cursor;
                f.cursor = doc.next(t);
                f.pos++;
                emit(out, doc, t, stack);
            } else {
                int key = f.sortedKeys[f.pos >> 1];
                int t = (f.pos & 1) == 0 ? key : key + 1;
                f.pos++;
                emit(out, doc, t, stack);
            }
        }
    }

    private static void emit(Sink out, TokenIndex doc, int t, ArrayDeque<Frame> stack) {
        switch (doc.type(t)) {
            case TokenIndex.INT:
                writeLong(out, doc.longValue(t));
                break;
            case TokenIndex.STRING:
                writeString(out, doc.buf, doc.aux(t), doc.rawEnd(t) - doc.aux(t));
                break;
            case TokenIndex.LIST:
                out.write((byte) 'l');
                stack.push(new Frame(null, doc.aux(t), t + 1));
                break;
            default:
                out.write((byte) 'd');
                int entries = doc.aux(t);
                int[] keys = new int[entries];
                int k = t + 1;
                for (int i = 0; i < entries; i++) {
                    keys[i] = k;
                    k = doc.next(k + 1);
                }
                TokenSort.sort(keys, doc::compareStrings);
                stack.push(new Frame(keys, entries * 2, 0));
                break;
        }
    }
}
