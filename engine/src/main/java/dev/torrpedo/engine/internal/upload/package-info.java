/**
 * The upload side of one connection, as pure structures: the peer's queued requests
 * ({@link dev.torrpedo.engine.internal.upload.UploadQueue}, capped at 2000, with BEP 6's
 * reject and choke rules). The allowed-fast set we offer a starting peer is the wire
 * module's {@code AllowedFastSet}.
 * Serving from storage through the read cache is the engine's, on top of these.
 */
package dev.torrpedo.engine.internal.upload;
