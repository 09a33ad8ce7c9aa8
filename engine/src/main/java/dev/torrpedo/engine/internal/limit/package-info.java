/**
 * Rate limits: token buckets in a tree (session, then torrent, then peer) for each direction,
 * on an injected nanosecond clock, unlimited by default.
 *
 * <p>A peer asks its bucket "how many of the next {@code n} bytes may I send (or read) now"
 * ({@link dev.torrpedo.engine.internal.limit.RateLimiter#acquire}) and gets a grant, or the
 * time to wait before asking again. The grant is taken from the peer's bucket, then from each
 * limited ancestor, each taking at most what the level below got; whatever an ancestor could
 * not match is given back below, and a refusal anywhere gives back everything taken so far.
 *
 * <p>Why lock-free is safe: each bucket is a single {@code AtomicLong} holding the instant it
 * would have been empty; a take is one CAS from the value read to that value plus the grant's
 * duration, and a refund is one atomic add. So concurrent takers never both spend the same
 * tokens, and the bytes granted over any span {@code T} never exceed {@code rate x T + burst}
 * (plus a single overdraft of one message, when asked with a minimum above the burst). The
 * grant across levels is not one atomic step: a refused or partly matched grant briefly holds
 * tokens in lower buckets before giving them back, which can only make other peers wait a
 * little longer, never exceed a limit.
 *
 * <p>Fairness comes from the callers: each peer asks for what it would transfer next (a
 * block, a read buffer) and retries at the time it is told, so under a shared limit the
 * peers take turns in the order they become ready.
 */
package dev.torrpedo.engine.internal.limit;
