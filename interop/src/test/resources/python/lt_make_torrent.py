"""Makes a .torrent with python3-libtorrent and prints its info hashes as JSON.

usage: lt_make_torrent.py --mode v1|v2|hybrid --piece-size BYTES --out FILE PATH
"""
import argparse
import json
import os

import libtorrent as lt

parser = argparse.ArgumentParser()
parser.add_argument("--mode", choices=["v1", "v2", "hybrid"], default="hybrid")
parser.add_argument("--piece-size", type=int, default=0)
parser.add_argument("--tracker", action="append", default=[])
parser.add_argument("--out", required=True)
parser.add_argument("path")
args = parser.parse_args()

flags = 0
if args.mode == "v1":
    flags |= lt.create_torrent.v1_only
elif args.mode == "v2":
    flags |= lt.create_torrent.v2_only

path = os.path.abspath(args.path)
fs = lt.file_storage()
lt.add_files(fs, path)
t = lt.create_torrent(fs, args.piece_size, flags=flags)
for url in args.tracker:
    t.add_tracker(url)
lt.set_piece_hashes(t, os.path.dirname(path))
with open(args.out, "wb") as f:
    f.write(lt.bencode(t.generate()))

ti = lt.torrent_info(args.out)
hashes = ti.info_hashes()
print(json.dumps({
    "v1": str(hashes.v1) if hashes.has_v1() else None,
    "v2": str(hashes.v2) if hashes.has_v2() else None,
    "name": ti.name(),
    "files": [ti.files().file_path(i) for i in range(ti.num_files())],
    "pieces": ti.num_pieces(),
    "piece_length": ti.piece_length(),
}))
