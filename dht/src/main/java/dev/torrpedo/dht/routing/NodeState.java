package dev.torrpedo.dht.routing;

/** BEP 5 node states. */
public enum NodeState {
    /** Answered one of our queries in the last 15 minutes, or answered once and queried us in the last 15 minutes. */
    GOOD,
    /** No activity for 15 minutes. */
    QUESTIONABLE,
    /** Failed to answer several of our queries in a row. */
    BAD
}
