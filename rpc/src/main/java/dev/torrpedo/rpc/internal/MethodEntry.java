package dev.torrpedo.rpc.internal;

import java.util.Objects;

/**
 * One row of the method table.
 *
 * @param name the method name
 * @param binder binds its params
 * @param handler runs it
 * @param blocking true to run it on the worker pool (it may block: files, hashing), false to
 *     run it on the reader thread in arrival order (it must return at once)
 */
record MethodEntry(String name, ParamBinder<?> binder, Handler handler, boolean blocking) {
    MethodEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(binder, "binder");
        Objects.requireNonNull(handler, "handler");
    }
}
