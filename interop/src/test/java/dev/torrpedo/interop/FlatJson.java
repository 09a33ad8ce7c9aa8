package dev.torrpedo.interop;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeEncoder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the string and integer members of a one-line JSON object printed by our python scripts. */
final class FlatJson {
    private static final Pattern MEMBER = Pattern.compile("\"([^\"]+)\":\\s*(\"([^\"]*)\"|(-?\\d+))");

    private FlatJson() {
    }

    static byte[] toBencode(String json) {
        BDictionary.Builder b = BDictionary.builder();
        Matcher m = MEMBER.matcher(json);
        while (m.find()) {
            if (m.group(3) != null) {
                b.put(m.group(1), m.group(3));
            } else {
                b.put(m.group(1), Long.parseLong(m.group(4)));
            }
        }
        return BencodeEncoder.encode(b.build());
    }
}
