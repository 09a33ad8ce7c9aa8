package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import java.util.Locale;

/** Typed access to bencoded fields that fails with a {@link MetainfoException} naming the field. */
final class Fields {
    private Fields() {
    }

    static BDictionary requireDict(BDictionary d, String key, String field) {
        return asDict(require(d, key, field), field);
    }

    static BList optList(BDictionary d, String key, String field) {
        BValue v = d.get(key);
        return v == null ? null : asList(v, field);
    }

    static BString requireString(BDictionary d, String key, String field) {
        return asString(require(d, key, field), field);
    }

    static BString optString(BDictionary d, String key, String field) {
        BValue v = d.get(key);
        return v == null ? null : asString(v, field);
    }

    static BValue require(BDictionary d, String key, String field) {
        BValue v = d.get(key);
        if (v == null) {
            throw new MetainfoException(MetainfoError.MISSING_FIELD, field, d.offset(), "missing", null);
        }
        return v;
    }

    static BDictionary asDict(BValue v, String field) {
        if (v instanceof BDictionary d) {
            return d;
        }
        throw wrongType(v, field, BValue.Kind.DICTIONARY);
    }

    static BList asList(BValue v, String field) {
        if (v instanceof BList l) {
            return l;
        }
        throw wrongType(v, field, BValue.Kind.LIST);
    }

    static BString asString(BValue v, String field) {
        if (v instanceof BString s) {
            return s;
        }
        throw wrongType(v, field, BValue.Kind.STRING);
    }

    static BInteger asInteger(BValue v, String field) {
        if (v instanceof BInteger i) {
            return i;
        }
        throw wrongType(v, field, BValue.Kind.INTEGER);
    }

    static MetainfoException invalid(String field, BValue at, String detail) {
        return new MetainfoException(MetainfoError.INVALID_VALUE, field, at == null ? -1 : at.offset(), detail, null);
    }

    static MetainfoException error(MetainfoError error, String field, BValue at, String detail) {
        return new MetainfoException(error, field, at == null ? -1 : at.offset(), detail, null);
    }

    private static MetainfoException wrongType(BValue v, String field, BValue.Kind expected) {
        return new MetainfoException(MetainfoError.WRONG_TYPE, field, v.offset(),
                "expected " + expected.name().toLowerCase(Locale.ROOT) + ", found "
                        + v.kind().name().toLowerCase(Locale.ROOT), null);
    }
}
