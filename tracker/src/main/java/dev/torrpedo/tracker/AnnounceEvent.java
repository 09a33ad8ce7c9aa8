package dev.torrpedo.tracker;

/**
 * The {@code event} of an announce (BEP 3), with its number in a UDP announce (BEP 15).
 */
public enum AnnounceEvent {
    /** A regular re-announce: no event parameter is sent. */
    NONE(0, ""),
    /** The download has just completed (sent once, never when starting as a seed). */
    COMPLETED(1, "completed"),
    /** The first announce of a torrent. */
    STARTED(2, "started"),
    /** The torrent is being stopped; the tracker drops this peer. */
    STOPPED(3, "stopped");

    private final int udpCode;
    private final String httpValue;

    AnnounceEvent(int udpCode, String httpValue) {
        this.udpCode = udpCode;
        this.httpValue = httpValue;
    }

    /** @return the event's number in a UDP announce request */
    public int udpCode() {
        return udpCode;
    }

    /** @return the value of the HTTP {@code event} parameter, empty for {@link #NONE} */
    public String httpValue() {
        return httpValue;
    }

    /**
     * @return the event with this UDP number
     * @throws IllegalArgumentException for a number outside 0..3
     */
    public static AnnounceEvent ofUdpCode(int code) {
        if (code < 0 || code > 3) {
            throw new IllegalArgumentException("event: " + code + " (expected: 0..3)");
        }
        return values()[code];
    }

    /**
     * @return the event with this HTTP value ({@code ""}, {@code started}, {@code completed},
     *         {@code stopped}; {@code null} and unknown values mean {@link #NONE})
     */
    public static AnnounceEvent ofHttpValue(String value) {
        if (value == null) {
            return NONE;
        }
        switch (value) {
            case "started":
                return STARTED;
            case "completed":
                return COMPLETED;
            case "stopped":
                return STOPPED;
            default:
                return NONE;
        }
    }
}
