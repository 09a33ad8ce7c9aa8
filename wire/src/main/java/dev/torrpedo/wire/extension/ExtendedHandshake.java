package dev.torrpedo.wire.extension;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The extended handshake (BEP 10, extended id 0): a bencoded dictionary.
 *
 * <pre>
 * d1:md11:ut_metadatai2e6:ut_pexi1ee1:pi6881e1:v13:Torrpedo 0.1.06:yourip4:&lt;4 bytes&gt;
 *  4:reqqi500e13:metadata_sizei31235e11:upload_onlyi1ee
 * </pre>
 *
 * Every field but {@code m} is optional. In {@code m}, id 0 means "disabled" (in a later
 * handshake, it turns an extension off).
 *
 * @param extensions   {@code m}: extension names to the sender's ids, 0 to 255
 * @param port         {@code p}: the sender's listen port
 * @param client       {@code v}: the sender's client name and version
 * @param yourIp       {@code yourip}: our address as the sender sees it
 * @param requestQueue {@code reqq}: how many requests the sender queues
 * @param metadataSize {@code metadata_size} (BEP 9): the info dictionary's size
 * @param uploadOnly   {@code upload_only} (BEP 21): whether the sender only uploads
 */
public record ExtendedHandshake(Map<String, Integer> extensions, OptionalInt port, Optional<String> client,
                                Optional<InetAddress> yourIp, OptionalInt requestQueue, OptionalLong metadataSize,
                                boolean uploadOnly) implements ExtensionMessage {

    /** Copies {@code extensions} into a sorted map and checks every id. */
    public ExtendedHandshake {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(yourIp, "yourIp");
        Objects.requireNonNull(requestQueue, "requestQueue");
        Objects.requireNonNull(metadataSize, "metadataSize");
        TreeMap<String, Integer> m = new TreeMap<>();
        extensions.forEach((k, v) -> {
            if (v == null || v < 0 || v > 255) {
                throw new IllegalArgumentException("m[" + k + "]: " + v + " (expected: 0..255)");
            }
            m.put(Objects.requireNonNull(k, "name"), v);
        });
        extensions = java.util.Collections.unmodifiableMap(m);
    }

    /** @return a handshake with only the {@code m} dictionary */
    public static ExtendedHandshake of(Map<String, Integer> extensions) {
        return new ExtendedHandshake(extensions, OptionalInt.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), OptionalLong.empty(), false);
    }

    @Override
    public String name() {
        return HANDSHAKE;
    }

    /** @return a copy with {@code p} */
    public ExtendedHandshake withPort(int listenPort) {
        return new ExtendedHandshake(extensions, OptionalInt.of(listenPort), client, yourIp, requestQueue, metadataSize,
                uploadOnly);
    }

    /** @return a copy with {@code v} */
    public ExtendedHandshake withClient(String name) {
        return new ExtendedHandshake(extensions, port, Optional.of(name), yourIp, requestQueue, metadataSize, uploadOnly);
    }

    /** @return a copy with {@code yourip} */
    public ExtendedHandshake withYourIp(InetAddress address) {
        return new ExtendedHandshake(extensions, port, client, Optional.of(address), requestQueue, metadataSize,
                uploadOnly);
    }

    /** @return a copy with {@code reqq} */
    public ExtendedHandshake withRequestQueue(int requests) {
        return new ExtendedHandshake(extensions, port, client, yourIp, OptionalInt.of(requests), metadataSize, uploadOnly);
    }

    /** @return a copy with {@code metadata_size} */
    public ExtendedHandshake withMetadataSize(long bytes) {
        return new ExtendedHandshake(extensions, port, client, yourIp, requestQueue, OptionalLong.of(bytes), uploadOnly);
    }

    /** @return a copy with {@code upload_only} */
    public ExtendedHandshake withUploadOnly(boolean on) {
        return new ExtendedHandshake(extensions, port, client, yourIp, requestQueue, metadataSize, on);
    }
}
