package dev.torrpedo.wire.mse;

import dev.torrpedo.metainfo.InfoHash;

/**
 * A user event ({@code fireUserEventTriggered}) that the MSE/PE handlers send down the
 * pipeline once the connection's crypto is settled, before any payload byte.
 *
 * @param method    what carries the payload from now on
 * @param encrypted whether an MSE/PE handshake took place (false: the peer sent a plain handshake)
 * @param infoHash  the torrent the MSE/PE handshake named (its SKEY), or {@code null} if there was none
 */
public record EncryptionEstablished(CryptoMethod method, boolean encrypted, InfoHash infoHash) {
}
