package dev.torrpedo.wire.mse;

/** What carries the payload stream after an MSE/PE handshake: the bits of {@code crypto_provide}/{@code crypto_select}. */
public enum CryptoMethod {
    /** The payload goes in the clear (the handshake's keys only hid the info hash). */
    PLAINTEXT(0x01),
    /** The payload is RC4-encrypted in both directions. */
    RC4(0x02);

    private final int bit;

    CryptoMethod(int bit) {
        this.bit = bit;
    }

    /** @return this method's bit in {@code crypto_provide} and {@code crypto_select} */
    public int bit() {
        return bit;
    }
}
