/** Implementations behind the tracker API; not exported. */
package dev.torrpedo.tracker.internal;
