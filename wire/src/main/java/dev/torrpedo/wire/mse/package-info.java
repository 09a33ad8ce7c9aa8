/**
 * MSE/PE, the message stream encryption every mainstream client speaks: a Diffie-Hellman
 * exchange that hides the info hash, then RC4 (or plaintext) for the payload. The handlers
 * sit first in a peer pipeline; {@link dev.torrpedo.wire.PeerWire} installs the right one
 * for an {@link dev.torrpedo.wire.mse.EncryptionPolicy}.
 */
package dev.torrpedo.wire.mse;
