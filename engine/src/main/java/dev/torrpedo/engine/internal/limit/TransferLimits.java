package dev.torrpedo.engine.internal.limit;

import java.util.function.LongSupplier;

/**
 * The upload and download buckets of one level (session, torrent or peer), made together so
 * each level's pair hangs under its parent's pair.
 */
public final class TransferLimits {
    private final RateLimiter upload;
    private final RateLimiter download;

    private TransferLimits(RateLimiter upload, RateLimiter download) {
        this.upload = upload;
        this.download = download;
    }

    /** @return the session's pair, unlimited, on this nanosecond clock */
    public static TransferLimits root(LongSupplier nanoClock) {
        return new TransferLimits(RateLimiter.root(nanoClock), RateLimiter.root(nanoClock));
    }

    /** @return a new unlimited pair under this one (a torrent's under the session's, a peer's under its torrent's) */
    public TransferLimits newChild() {
        return new TransferLimits(upload.newChild(), download.newChild());
    }

    /** @return the bucket for bytes we send */
    public RateLimiter upload() {
        return upload;
    }

    /** @return the bucket for bytes we receive */
    public RateLimiter download() {
        return download;
    }
}
