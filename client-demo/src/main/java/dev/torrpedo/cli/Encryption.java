package dev.torrpedo.cli;

import java.util.Locale;

/** {@code --encryption}: whether peer connections use MSE/PE (BEP 8 style obfuscation). */
public enum Encryption {
    /** Plaintext only. */
    PLAIN,
    /** Encrypted when the peer supports it, plaintext otherwise (the default). */
    PREFER,
    /** Encrypted only; peers that cannot are dropped. */
    REQUIRE;

    /** @return the word typed on the command line */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @return the policy named {@code text} (case-insensitive)
     * @throws IllegalArgumentException listing the words accepted
     */
    public static Encryption parse(String text) {
        for (Encryption e : values()) {
            if (e.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an encryption policy (expected: plain, prefer or require)");
    }

    /** @return the engine's policy of the same meaning */
    public dev.torrpedo.engine.Encryption engine() {
        switch (this) {
            case PLAIN:
                return dev.torrpedo.engine.Encryption.PLAINTEXT;
            case PREFER:
                return dev.torrpedo.engine.Encryption.PREFER;
            case REQUIRE:
                return dev.torrpedo.engine.Encryption.REQUIRE;
            default:
                throw new AssertionError(this);
        }
    }
}
