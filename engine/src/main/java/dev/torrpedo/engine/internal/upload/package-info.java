/**
 * The upload side of one connection, as pure structures: the peer's queued requests
 * ({@link dev.torrpedo.engine.internal.upload.UploadQueue}, capped at 2000, with BEP 6's
 * reject and choke rules) and the canonical allowed-fast set
 * ({@link dev.torrpedo.engine.internal.upload.AllowedFastSet}) we offer a starting peer.
 * Serving from storage through the read cache is the engine's, on top of these.
 */
package dev.torrpedo.engine.internal.upload;
