package dev.torrpedo.tracker;

/** What went wrong in a {@link TrackerException}. */
public enum TrackerError {
    /** The tracker answered with a {@code failure reason} (HTTP) or an error packet (UDP). */
    FAILURE,
    /** No (complete) answer in time. */
    TIMEOUT,
    /** The connection failed, was reset, or closed before a complete answer. */
    CONNECTION,
    /** The host name could not be resolved. */
    RESOLVE,
    /** An HTTP status other than 200 (and not a redirect that could be followed). */
    HTTP_STATUS,
    /** The answer, after decompression, is larger than the limit. */
    TOO_LARGE,
    /** The answer is not what the protocol allows: invalid bencoding, a truncated packet, a bad field. */
    MALFORMED,
    /** Too many redirects, or a redirect without a usable location. */
    REDIRECT,
    /** The tracker's address is private or loopback and that is not allowed. */
    FORBIDDEN_ADDRESS,
    /** The URL's scheme is not http, https or udp, or the tracker has no scrape URL. */
    UNSUPPORTED,
    /** The client was closed before the answer came. */
    CLOSED
}
