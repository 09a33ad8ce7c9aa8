/**
 * The extension protocol (BEP 10): the {@link dev.torrpedo.wire.extension.ExtendedHandshake},
 * the {@link dev.torrpedo.wire.extension.ExtensionRegistry} of names and ids, and the
 * messages of {@code ut_metadata} (BEP 9), {@code ut_pex} (BEP 11), {@code lt_donthave}
 * (BEP 54), {@code upload_only} (BEP 21) and {@code ut_holepunch} (BEP 55), all decoded and
 * encoded by {@link dev.torrpedo.wire.extension.ExtensionCodec}. The codecs are pure.
 */
package dev.torrpedo.wire.extension;
