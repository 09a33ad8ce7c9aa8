/**
 * Bencode (BEP 3), the encoding of .torrent files, tracker replies, DHT messages and
 * extension messages.
 *
 * <p>{@link dev.torrpedo.bencode.BencodeDecoder} scans a byte range once, without recursion,
 * into a flat token index that points into the caller's buffer (after libtorrent's bdecode):
 * strings are never copied, and every value can hand back the exact bytes it was decoded
 * from ({@link dev.torrpedo.bencode.BValue#raw()}), which is how an info-hash is taken.
 * Values are immutable views under the sealed {@link dev.torrpedo.bencode.BValue};
 * {@link dev.torrpedo.bencode.BencodeEncoder} writes their canonical encoding (sorted keys).
 *
 * <p>Every failure is a {@link dev.torrpedo.bencode.BencodeException} with a
 * {@link dev.torrpedo.bencode.BencodeError} code and the byte offset (or key) that failed.
 */
package dev.torrpedo.bencode;
