package dev.torrpedo.wire.extension;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The extension ids of one connection (BEP 10). Each side picks its own ids and announces
 * them in its handshake's {@code m}; a message is sent with the <em>receiver's</em> id for
 * the extension. So we decode incoming messages by our (local) ids and send with the
 * peer's (remote) ids. Immutable: {@link #withRemote(Map)} returns the registry after a
 * remote handshake, which may add, change or (with id 0) remove extensions.
 */
public final class ExtensionRegistry {
    private static final ExtensionRegistry DEFAULTS = of(Map.of(
            ExtensionMessage.UT_PEX, 1,
            ExtensionMessage.UT_METADATA, 2,
            ExtensionMessage.UPLOAD_ONLY, 3,
            ExtensionMessage.UT_HOLEPUNCH, 4,
            ExtensionMessage.LT_DONTHAVE, 7));

    private final Map<String, Integer> local;
    private final Map<String, Integer> remote;
    private final String[] localNames;

    private ExtensionRegistry(Map<String, Integer> local, Map<String, Integer> remote) {
        this.local = local;
        this.remote = remote;
        this.localNames = new String[256];
        local.forEach((name, id) -> {
            if (localNames[id] != null) {
                throw new IllegalArgumentException("local id " + id + " given to both " + localNames[id] + " and " + name);
            }
            localNames[id] = name;
        });
    }

    /** @return our usual ids: ut_pex 1, ut_metadata 2, upload_only 3, ut_holepunch 4, lt_donthave 7 (as libtorrent) */
    public static ExtensionRegistry defaults() {
        return DEFAULTS;
    }

    /**
     * @param local our extension names and ids, 1 to 255, no id twice
     * @return a registry that knows nothing of the peer yet
     */
    public static ExtensionRegistry of(Map<String, Integer> local) {
        TreeMap<String, Integer> copy = new TreeMap<>();
        local.forEach((name, id) -> {
            if (id == null || id < 1 || id > 255) {
                throw new IllegalArgumentException("local id of " + name + ": " + id + " (expected: 1..255)");
            }
            copy.put(Objects.requireNonNull(name, "name"), id);
        });
        return new ExtensionRegistry(Collections.unmodifiableMap(copy), Map.of());
    }

    /** @return our names and ids, for our handshake's {@code m} */
    public Map<String, Integer> local() {
        return local;
    }

    /** @return the peer's names and ids, as its handshakes so far set them */
    public Map<String, Integer> remote() {
        return remote;
    }

    /** @return a registry with the peer's {@code m} applied: ids 1 to 255 set, id 0 removes */
    public ExtensionRegistry withRemote(Map<String, Integer> m) {
        TreeMap<String, Integer> next = new TreeMap<>(remote);
        m.forEach((name, id) -> {
            if (id == 0) {
                next.remove(name);
            } else {
                next.put(name, id);
            }
        });
        return new ExtensionRegistry(local, Collections.unmodifiableMap(next));
    }

    /** @return our id for {@code name}, if we speak it */
    public OptionalInt localId(String name) {
        Integer id = local.get(name);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** @return the peer's id for {@code name}, if it announced it */
    public OptionalInt remoteId(String name) {
        Integer id = remote.get(name);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** @return the extension we gave {@code id}, if any */
    public Optional<String> localName(int id) {
        return id > 0 && id < 256 ? Optional.ofNullable(localNames[id]) : Optional.empty();
    }

    /** @return whether both sides speak {@code name} */
    public boolean bothSupport(String name) {
        return local.containsKey(name) && remote.containsKey(name);
    }

    @Override
    public String toString() {
        return "ExtensionRegistry[local=" + local + ", remote=" + remote + "]";
    }
}
