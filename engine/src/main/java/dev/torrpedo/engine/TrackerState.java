package dev.torrpedo.engine;

/** How a tracker of a torrent is doing. */
public enum TrackerState {
    /** Not announced to yet. */
    NOT_CONTACTED,
    /** It answered the last announce. */
    WORKING,
    /** An announce to it is in flight. */
    UPDATING,
    /** The last announce to it failed. */
    ERROR
}
