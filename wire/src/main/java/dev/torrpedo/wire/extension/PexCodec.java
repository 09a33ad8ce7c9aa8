package dev.torrpedo.wire.extension;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.wire.MalformedMessageException;
import dev.torrpedo.wire.WireLimits;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** {@code ut_pex} (BEP 11): compact IPv4 and IPv6 peer lists with per-peer flags. */
final class PexCodec {
    private static final String FIELD = ExtensionMessage.UT_PEX;

    private PexCodec() {
    }

    static Pex decode(byte[] payload, WireLimits limits) {
        BDictionary d = Bencoded.dictionary(FIELD, payload, limits.maxPexMessage());
        List<PexPeer> added = new ArrayList<>();
        peers(d, "added", "added.f", 4, added);
        peers(d, "added6", "added6.f", 16, added);
        List<PexPeer> dropped = new ArrayList<>();
        peers(d, "dropped", null, 4, dropped);
        peers(d, "dropped6", null, 16, dropped);
        return new Pex(added, dropped);
    }

    private static void peers(BDictionary d, String key, String flagsKey, int addressLength, List<PexPeer> out) {
        BString list = Bencoded.optionalString(d, key);
        if (list == null) {
            return;
        }
        int entry = addressLength + 2;
        if (list.length() % entry != 0) {
            throw new MalformedMessageException(FIELD + "." + key, list.length() + " bytes (expected: a multiple of "
                    + entry + ")");
        }
        BString flags = flagsKey == null ? null : Bencoded.optionalString(d, flagsKey);
        byte[] bytes = list.bytes();
        byte[] address = new byte[addressLength];
        for (int i = 0, n = bytes.length / entry; i < n; i++) {
            System.arraycopy(bytes, i * entry, address, 0, addressLength);
            int port = ((bytes[i * entry + addressLength] & 0xFF) << 8) | (bytes[i * entry + addressLength + 1] & 0xFF);
            int f = flags != null && i < flags.length() ? flags.byteAt(i) & 0xFF : 0;
            out.add(new PexPeer(new InetSocketAddress(address(address), port), f));
        }
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
        }
    }

    static byte[] encode(Pex pex) {
        BDictionary.Builder b = BDictionary.builder();
        put(b, pex.added(), true, "added", "added.f");
        put(b, pex.added(), false, "added6", "added6.f");
        put(b, pex.dropped(), true, "dropped", null);
        put(b, pex.dropped(), false, "dropped6", null);
        return BencodeEncoder.encode(b.build());
    }

    private static void put(BDictionary.Builder b, List<PexPeer> peers, boolean v4, String key, String flagsKey) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        ByteArrayOutputStream flags = new ByteArrayOutputStream();
        for (PexPeer p : peers) {
            InetAddress a = p.address().getAddress();
            if ((a instanceof Inet4Address) != v4) {
                continue;
            }
            list.writeBytes(a.getAddress());
            list.write(p.address().getPort() >>> 8);
            list.write(p.address().getPort());
            flags.write(p.flags());
        }
        if (list.size() > 0 || key.equals("added") || key.equals("dropped")) {
            b.put(key, list.toByteArray());
            if (flagsKey != null) {
                b.put(flagsKey, flags.toByteArray());
            }
        }
    }
}
