"""Writes the golden torrents of GoldenTorrentTest with python3-libtorrent (run once, output committed).

usage: /usr/bin/python3 make_golden.py   (in this directory)

Payload bytes are a pattern the test regenerates: byte j of file k is (j * 7 + k * 13 + j // 251) & 0xff.
"""
import os
import shutil
import tempfile

import libtorrent as lt


def payload(path, size, k):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(bytes(((j * 7 + k * 13 + j // 251) & 0xff) for j in range(size)))


def listing(ti):
    h = ti.info_hashes()
    fs = ti.files()
    lines = ["v1 %s" % (str(h.v1) if h.has_v1() else "-"),
             "v2 %s" % (str(h.v2) if h.has_v2() else "-"),
             "pieces %d" % ti.num_pieces(),
             "piece_length %d" % ti.piece_length(),
             "total %d" % fs.total_size()]
    for i in range(fs.num_files()):
        pad = 1 if fs.file_flags(i) & lt.file_storage.flag_pad_file else 0
        lines.append("file %d %d %d %s" % (fs.file_size(i), fs.file_offset(i), pad, fs.file_path(i)))
    return "\n".join(lines) + "\n"


tmp = tempfile.mkdtemp()
try:
    payload(os.path.join(tmp, "single.bin"), 1234567, 0)
    multi = os.path.join(tmp, "multi")
    payload(os.path.join(multi, "a.bin"), 100000, 1)
    payload(os.path.join(multi, "empty"), 0, 2)
    payload(os.path.join(multi, "sub", "b.bin"), 300001, 3)
    payload(os.path.join(multi, "sub", "c.txt"), 17, 4)
    for layout in ["single.bin", "multi"]:
        for mode, flags in [("v1", lt.create_torrent.v1_only), ("v2", lt.create_torrent.v2_only), ("hybrid", 0)]:
            fs = lt.file_storage()
            lt.add_files(fs, os.path.join(tmp, layout))
            t = lt.create_torrent(fs, 32768, flags=flags)
            t.add_tracker("http://tracker.example/announce", 0)
            t.add_tracker("udp://backup.example:6969/announce", 1)
            t.add_url_seed("http://seed.example/files/")
            t.set_comment("golden " + mode)
            t.set_creator("libtorrent " + lt.__version__)
            lt.set_piece_hashes(t, tmp)
            name = "%s-%s" % (mode, layout.split(".")[0])
            with open(name + ".torrent", "wb") as f:
                f.write(lt.bencode(t.generate()))
            with open(name + ".txt", "w") as f:
                f.write(listing(lt.torrent_info(name + ".torrent")))
finally:
    shutil.rmtree(tmp)
