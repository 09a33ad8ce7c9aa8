package dev.torrpedo.bencode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** A bencoded list. Iteration is cheap; {@link #get(int)} builds an index on first use. */
public final class BList extends Node implements BValue, Iterable<BValue> {
    private volatile int[] index;

    BList(TokenIndex doc, int token) {
        super(doc, token);
    }

    /** @return a list of {@code values}, in order */
    public static BList of(BValue... values) {
        return of(List.of(values));
    }

    /** @return a list of {@code values}, in order */
    public static BList of(List<? extends BValue> values) {
        CanonicalWriter.ArraySink sink = new CanonicalWriter.ArraySink(64);
        sink.write((byte) 'l');
        for (BValue v : values) {
            CanonicalWriter.write(sink, v);
        }
        sink.write((byte) 'e');
        return (BList) sink.decode();
    }

    @Override
    public Kind kind() {
        return Kind.LIST;
    }

    /** @return the number of elements */
    public int size() {
        return doc.aux(token);
    }

    /** @return whether the list has no elements */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** @return element {@code i} */
    public BValue get(int i) {
        int n = size();
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index: " + i + " (expected: [0, " + n + "))");
        }
        int[] idx = index;
        if (idx == null) {
            idx = new int[n];
            int t = token + 1;
            for (int k = 0; k < n; k++) {
                idx[k] = t;
                t = doc.next(t);
            }
            index = idx;
        }
        return doc.view(idx[i]);
    }

    /** @return the elements in a new list */
    public List<BValue> toList() {
        List<BValue> out = new ArrayList<>(size());
        for (BValue v : this) {
            out.add(v);
        }
        return out;
    }

    @Override
    public Iterator<BValue> iterator() {
        return new Iterator<>() {
            private int remaining = size();
            private int next = token + 1;

            @Override
            public boolean hasNext() {
                return remaining > 0;
            }

            @Override
            public BValue next() {
                if (remaining == 0) {
                    throw new NoSuchElementException();
                }
                remaining--;
                int t = next;
                next = doc.next(t);
                return doc.view(t);
            }
        };
    }
}
