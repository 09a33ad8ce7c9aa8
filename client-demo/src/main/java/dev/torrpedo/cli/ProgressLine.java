package dev.torrpedo.cli;

import java.util.Locale;

/**
 * The progress line of {@code download} and {@code seed}, a pure function of a
 * {@link TransferStatus}:
 *
 * <pre>
 * downloading  42.3%  108.3 MiB/256.0 MiB  down 12.4 MiB/s  up 1.2 MiB/s  eta 12s  peers 3 (2 seeds)  ratio 0.01
 * </pre>
 *
 * On a terminal it is redrawn in place ({@code \r}, the line, then erase-to-end-of-line);
 * elsewhere each is a plain line of its own.
 */
public final class ProgressLine {
    /** ANSI "erase to end of line", so a shorter line leaves nothing of a longer one behind. */
    static final String ERASE_TO_END = "\u001b[K";

    private ProgressLine() {
    }

    /** @return the line's text, without any control character */
    public static String text(TransferStatus s) {
        String total = s.totalBytes() == 0 && s.state() == TransferState.METADATA ? "?" : Units.formatSize(s.totalBytes());
        return String.format(Locale.ROOT, "%-11s %6s  %s/%s  down %s  up %s  eta %s  peers %d (%d %s)  ratio %.2f",
                s.state().label(), percent(s.progress()), Units.formatSize(s.completedBytes()), total,
                Units.formatRate(s.downloadRate()), Units.formatRate(s.uploadRate()), Units.formatEta(s.etaSeconds()),
                s.peers(), s.seeds(), s.seeds() == 1 ? "seed" : "seeds", s.ratio());
    }

    /** @return what to write for {@code s}: see {@link #frame(String, boolean)} */
    public static String render(TransferStatus s, boolean terminal) {
        return frame(text(s), terminal);
    }

    /**
     * @return {@code text} framed for the output: {@code "\r" + text + ERASE_TO_END} on a
     *         terminal (the cursor stays on the line), {@code text + "\n"} otherwise
     */
    public static String frame(String text, boolean terminal) {
        return terminal ? "\r" + text + ERASE_TO_END : text + "\n";
    }

    /** @return {@code progress} (0 to 1) as a percentage with one decimal, rounded down so 100% means done */
    static String percent(double progress) {
        double p = Math.floor(Math.max(0, Math.min(1, progress)) * 1000) / 10;
        return String.format(Locale.ROOT, "%.1f%%", p);
    }
}
