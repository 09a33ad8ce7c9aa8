package dev.torrpedo.engine.internal.picker;

/**
 * The picker's counters.
 *
 * @param pieces           pieces in the torrent
 * @param have             pieces we have
 * @param missing          pieces we want and do not have yet
 * @param wantedFreeBlocks blocks of wanted pieces that nobody has requested; 0 means endgame
 * @param seeds            connected peers that have every piece
 * @param endgame          whether duplicate requests are allowed now
 */
public record PickerStats(int pieces, int have, int missing, long wantedFreeBlocks, int seeds, boolean endgame) {
}
