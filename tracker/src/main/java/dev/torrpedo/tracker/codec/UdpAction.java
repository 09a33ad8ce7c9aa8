package dev.torrpedo.tracker.codec;

/** The action field of a UDP tracker packet (BEP 15). */
public enum UdpAction {
    /** 0: connect. */
    CONNECT,
    /** 1: announce. */
    ANNOUNCE,
    /** 2: scrape. */
    SCRAPE,
    /** 3: error (replies only). */
    ERROR;

    /** @return the number on the wire */
    public int code() {
        return ordinal();
    }
}
