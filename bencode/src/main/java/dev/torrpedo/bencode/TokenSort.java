package dev.torrpedo.bencode;

import java.util.function.IntBinaryOperator;

/** A merge sort of token indexes, without boxing them. */
final class TokenSort {
    private TokenSort() {
    }

    static void sort(int[] a, IntBinaryOperator order) {
        if (a.length < 2) {
            return;
        }
        int[] tmp = new int[a.length];
        int[] src = a;
        int[] dst = tmp;
        for (int width = 1; width < a.length; width *= 2) {
            for (int lo = 0; lo < a.length; lo += 2 * width) {
                int mid = Math.min(lo + width, a.length);
                int hi = Math.min(lo + 2 * width, a.length);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    dst[k++] = order.applyAsInt(src[i], src[j]) <= 0 ? src[i++] : src[j++];
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            int[] swap = src;
            src = dst;
            dst = swap;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, a.length);
        }
    }
}
