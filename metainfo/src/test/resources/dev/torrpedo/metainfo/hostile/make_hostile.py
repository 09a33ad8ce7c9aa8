"""Writes the hostile .torrent files of HostileTorrentTest (run once; the output is committed).

usage: python3 make_hostile.py   (in this directory; plain python3, no libtorrent needed)

Each file breaks one rule, or carries a path that must be sanitised. HostileTorrentTest holds
what each must do: fail with a given MetainfoError and field, or load with safe paths.
"""


def enc(v):
    if isinstance(v, Raw):
        return v.b
    if isinstance(v, int):
        return b"i%de" % v
    if isinstance(v, str):
        v = v.encode("utf-8")
    if isinstance(v, bytes):
        return b"%d:%s" % (len(v), v)
    if isinstance(v, list):
        return b"l" + b"".join(enc(x) for x in v) + b"e"
    if isinstance(v, dict):
        items = sorted(((k.encode("utf-8") if isinstance(k, str) else k), x) for k, x in v.items())
        return b"d" + b"".join(enc(k) + enc(x) for k, x in items) + b"e"
    raise TypeError(v)


class Raw:
    def __init__(self, b):
        self.b = b


PL = 32768


def pieces(total):
    return b"\x11" * (20 * ((total + PL - 1) // PL))


def v1_multi(files, name="x", **extra):
    total = sum(f.get("length", 0) for f in files)
    info = {"name": name, "piece length": PL, "files": files, "pieces": pieces(total)}
    info.update(extra)
    return {"announce": "http://t.example/a", "info": info}


def f(path, length=1000, **kw):
    d = {"length": length, "path": path}
    d.update(kw)
    return d


def write(name, torrent):
    with open(name + ".torrent", "wb") as out:
        out.write(torrent if isinstance(torrent, bytes) else enc(torrent))


ROOT_A = b"\xaa" * 32
ROOT_B = b"\xbb" * 32


def v2(tree, name="x", layers=None, pl=PL, **extra):
    info = {"name": name, "piece length": pl, "meta version": 2, "file tree": tree}
    info.update(extra)
    t = {"info": info}
    if layers is not None:
        t["piece layers"] = layers
    return t


def leaf(length, root=ROOT_A, **kw):
    d = {"length": length}
    if root is not None:
        d["pieces root"] = root
    d.update(kw)
    return {"": d}


# --- paths that must be sanitised (these load) ---
write("traversal-dotdot", v1_multi([f(["..", "..", "etc", "passwd"])]))
write("absolute-path", v1_multi([f(["/etc/passwd"])], name="/etc"))
write("drive-letter", v1_multi([f(["C:\\Windows\\System32", "evil.dll"])], name="C:"))
write("backslash-traversal", v1_multi([f(["..\\..\\boot.ini"])]))
write("reserved-names", v1_multi([f(["CON"]), f(["NUL.txt"]), f(["com1"]), f(["Aux.tar.gz"]), f(["lpt9.log"]),
                                  f(["CON "])]))
write("bad-characters", v1_multi([f(['a<b>c:d"e|f?g*h.txt']), f(["tab\there"]), f(["bell\x07"]),
                                  f(["evil\u202etxt.exe"]), f(["trailing. . ."]), f(["nul\x00byte"])]))
write("long-component", v1_multi([f(["a" * 300 + ".txt"]), f(["\u00e9" * 150])]))
write("invalid-utf8", v1_multi([f([b"\xff\xfe.txt"]), f([b"\xc0\xae\xc0\xae"]), f([b"\xed\xa0\x80"])]))
write("duplicate-names", v1_multi([f(["a.txt"]), f(["A.TXT"]), f(["a.txt"]), f(["sub", "x"]), f(["sub"])]))
write("symlink-escape", v1_multi([f(["ok.bin"]), f(["link"], length=0, attr="l",
                                                   **{"symlink path": ["..", "..", "etc", "shadow"]})]))
write("name-only-dots", v1_multi([f(["a"])], name=".."))
# unsorted keys: loads (lenient), and the hash is over the bytes as they are
write("non-canonical", b"d4:infod6:pieces20:" + b"\x22" * 20 + b"12:piece lengthi32768e4:name1:z6:lengthi10ee"
      + b"8:announce3:urle")

# --- rules that must fail ---
write("wrong-pieces-length", {"info": {"name": "x", "piece length": PL, "length": 100000, "pieces": b"\x11" * 60}})
write("pieces-not-multiple-of-20", {"info": {"name": "x", "piece length": PL, "length": 100000, "pieces": b"\x11" * 81}})
write("overflowing-sizes", {"info": {"name": "x", "piece length": PL, "pieces": b"",
                                     "files": [f(["a"], 2 ** 62), f(["b"], 2 ** 62), f(["c"], 2 ** 62)]}})
write("too-many-pieces", {"info": {"name": "x", "piece length": 16384, "length": 2 ** 62, "pieces": b""}})
write("negative-length", v1_multi([f(["a"], -5)]))
write("deep-nesting", b"d4:junk" + b"l" * 200 + b"e" * 200 + b"e")
write("deep-path", v1_multi([f(["d"] * 150)]))
write("duplicate-keys", b"d4:infod6:lengthi10e4:name1:x4:name1:y12:piece lengthi32768e6:pieces20:"
      + b"\x11" * 20 + b"ee")
write("too-many-duplicate-names", v1_multi([f(["a"], 1) for _ in range(600)]))
write("zero-piece-length", {"info": {"name": "x", "piece length": 0, "length": 10, "pieces": b""}})
write("huge-piece-length", {"info": {"name": "x", "piece length": 2 ** 30, "length": 10, "pieces": b"\x11" * 20}})
write("missing-info", {"announce": "http://t.example/a"})
write("info-not-a-dictionary", {"info": ["name", "x"]})
write("truncated", enc(v1_multi([f(["a"])]))[:-7])
write("not-a-dictionary", b"i42e")
write("no-files", v1_multi([]))
write("only-empty-files", v1_multi([f(["a"], 0), f(["b"], 0)]))
write("path-not-a-list", v1_multi([{"length": 10, "path": "a/b"}]))
write("meta-version-3", v2({"a": leaf(10)}, **{"meta version": 3}))
write("file-tree-without-meta-version", {"info": {"name": "x", "piece length": PL, "file tree": {"a": leaf(10)}}})
write("v2-bad-piece-length", v2({"a": leaf(10)}, pl=20000))
write("v2-missing-piece-layers", v2({"a.bin": leaf(100000)}))
write("v2-short-piece-layer", v2({"a.bin": leaf(100000)}, layers={ROOT_A: b"\x01" * 96}))
write("v2-wrong-piece-layer", v2({"a.bin": leaf(100000)}, layers={ROOT_A: b"\x01" * 128}))
write("v2-layer-for-unknown-root", v2({"a.bin": leaf(1000)}, layers={ROOT_B: b"\x01" * 32}))
write("v2-missing-pieces-root", v2({"a.bin": leaf(1000, root=None)}))
write("v2-zero-pieces-root", v2({"a.bin": leaf(1000, root=b"\x00" * 32)}))
write("v2-pad-in-tree", v2({"a.bin": leaf(1000, attr="p")}))
write("v2-root-is-a-file", v2({"": {"length": 10, "pieces root": ROOT_A}}))
write("v2-file-with-siblings", v2({"a": {"": {"length": 10, "pieces root": ROOT_A}, "b": leaf(10)}}))
hybrid_v1 = [f(["a.bin"], 1000), f([".pad", "31768"], 31768, attr="p"), f(["b.bin"], 1000)]
write("hybrid-views-disagree", v2({"a.bin": leaf(1000), "b.bin": leaf(1001, ROOT_B)},
                                  files=hybrid_v1, pieces=b"\x11" * 40))
write("hybrid-missing-pad", v2({"a.bin": leaf(1000), "b.bin": leaf(1000, ROOT_B)},
                               files=[f(["a.bin"], 1000), f(["b.bin"], 1000)], pieces=b"\x11" * 20))
write("hybrid-different-names", v2({"a.bin": leaf(1000), "c.bin": leaf(1000, ROOT_B)},
                                   files=hybrid_v1, pieces=b"\x11" * 40))
write("hybrid-without-v1-pieces", v2({"a.bin": leaf(1000)}, length=1000))
