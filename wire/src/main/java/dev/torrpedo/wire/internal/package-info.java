/** Internals of the wire module: the RC4 and Diffie-Hellman of MSE/PE, SHA-1 helpers. Not exported. */
package dev.torrpedo.wire.internal;
