"""python3-libtorrent's view of torrents and magnet links, for the metainfo interop tests.

usage:
  lt_metainfo.py info TORRENT [--check SAVE_DIR]
      prints info hashes, pieces, piece length, total size and one line per file
      ("file SIZE OFFSET PAD PATH"); with --check, lets a session check the data in
      SAVE_DIR against the torrent and prints "have N of M"
  lt_metainfo.py magnet TORRENT     prints libtorrent's magnet link for TORRENT
  lt_metainfo.py parse-magnet URI   prints what libtorrent reads from URI
"""
import sys
import time

import libtorrent as lt


def hashes(h):
    return ["v1 %s" % (str(h.v1) if h.has_v1() else "-"), "v2 %s" % (str(h.v2) if h.has_v2() else "-")]


def info(path, check_dir):
    ti = lt.torrent_info(path)
    fs = ti.files()
    lines = hashes(ti.info_hashes())
    lines += ["pieces %d" % ti.num_pieces(), "piece_length %d" % ti.piece_length(), "total %d" % fs.total_size()]
    for i in range(fs.num_files()):
        pad = 1 if fs.file_flags(i) & lt.file_storage.flag_pad_file else 0
        lines.append("file %d %d %d %s" % (fs.file_size(i), fs.file_offset(i), pad, fs.file_path(i)))
    print("\n".join(lines), flush=True)
    if check_dir is None:
        return
    session = lt.session({"listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False,
                          "enable_upnp": False, "enable_natpmp": False})
    params = lt.add_torrent_params()
    params.ti = ti
    params.save_path = check_dir
    handle = session.add_torrent(params)
    deadline = time.time() + 120
    while True:
        s = handle.status()
        # past checking, every piece of the data has been hashed against the torrent
        if s.state in (lt.torrent_status.seeding, lt.torrent_status.finished, lt.torrent_status.downloading):
            break
        if time.time() > deadline:
            print("timeout in state %s" % s.state, flush=True)
            sys.exit(2)
        time.sleep(0.05)
    print("have %d of %d" % (sum(1 for p in s.pieces if p), ti.num_pieces()), flush=True)


def parse_magnet(uri):
    p = lt.parse_magnet_uri(uri)
    lines = hashes(p.info_hashes)
    lines.append("name %s" % p.name)
    lines += ["tracker %s" % t for t in p.trackers]
    lines += ["web_seed %s" % w for w in p.url_seeds]
    lines += ["peer %s %d" % (ip, port) for ip, port in p.peers]
    print("\n".join(lines), flush=True)


if sys.argv[1] == "info":
    info(sys.argv[2], sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--check" else None)
elif sys.argv[1] == "magnet":
    print(lt.make_magnet_uri(lt.torrent_info(sys.argv[2])), flush=True)
elif sys.argv[1] == "parse-magnet":
    parse_magnet(sys.argv[2])
else:
    sys.exit("unknown command " + sys.argv[1])
