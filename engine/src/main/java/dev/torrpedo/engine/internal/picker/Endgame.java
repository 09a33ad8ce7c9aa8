package dev.torrpedo.engine.internal.picker;

/**
 * Endgame: once every block we want is requested, a peer that finds nothing free is handed
 * blocks already requested from others (fewest requesters first, at most
 * {@link PiecePicker#MAX_REQUESTERS}), and the peer that delivers one learns whom to cancel.
 * See {@code package-info.java} for why the steps are safe without a lock.
 */
final class Endgame {
    private Endgame() {
    }

    /**
     * Adds {@code peer} as a further requester of REQUESTED blocks with fewer than
     * {@code limit} requesters, in pieces the peer has; writes the flagged addresses to
     * {@code out} from index {@code n}.
     *
     * @return the new count of addresses in {@code out}
     */
    static int pickDuplicates(PieceTable table, PickerPeer peer, long[] out, int n, int max, int limit) {
        int me = peer.id();
        for (int w = 0; w < table.activeWordCount() && n < max; w++) {
            long bits = table.activeWord(w);
            while (bits != 0 && n < max) {
                int p = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                long pw = table.word(p);
                PieceDownload d = table.downloadOf(p);
                if (d == null || !peer.has(p) || PieceWord.state(pw) != PieceWord.OPEN || PieceWord.priority(pw) == 0) {
                    continue;
                }
                for (int b = 0; b < d.blockCount() && n < max; b++) {
                    long bw = d.blocks.get(b);
                    if (BlockWord.state(bw) == BlockWord.REQUESTED && BlockWord.requesters(bw) < limit
                            && BlockWord.peer(bw) != me && !d.isExtraRequester(b, me) && addDuplicate(d, b, me, limit)) {
                        out[n++] = BlockAddress.of(p, b) | BlockAddress.DUPLICATE;
                    }
                }
            }
        }
        return n;
    }

    private static boolean addDuplicate(PieceDownload d, int b, int me, int limit) {
        d.addExtra(b, me);
        while (true) {
            long bw = d.blocks.get(b);
            if (BlockWord.state(bw) != BlockWord.REQUESTED || BlockWord.requesters(bw) >= limit) {
                d.removeExtra(b, me);
                return false;
            }
            if (d.blocks.compareAndSet(b, bw, BlockWord.withRequesters(bw, BlockWord.requesters(bw) + 1))) {
                return true;
            }
        }
    }

    /** @return the requesters to cancel: the recorded first one and the extra ones, without {@code me} */
    static int[] othersThan(int me, int first, int[] extra) {
        int n = (first != me && first != BlockWord.NOBODY) ? 1 : 0;
        for (int x : extra) {
            if (x != me) {
                n++;
            }
        }
        int[] r = new int[n];
        int i = 0;
        if (first != me && first != BlockWord.NOBODY) {
            r[i++] = first;
        }
        for (int x : extra) {
            if (x != me) {
                r[i++] = x;
            }
        }
        return r;
    }

}
