package dev.torrpedo.storage.internal;

/** Stub. */
public interface Backend {
}
