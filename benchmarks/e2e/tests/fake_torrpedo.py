"""Stands in for the `torrpedo` command in the harness's tests, until the engine is wired in.

  fake_torrpedo.py --mode MODE (--version | download ... | seed ...)

MODE: 'na' answers like a build without the engine ('... is not available yet', exit 1);
'libtorrent' does the transfer with lt_client.py, so a Torrpedo leg yields figures;
'corrupt' downloads nothing but writes a file of the right size with the wrong bytes;
'fail' exits 1 with another message. Takes the flags the harness passes to the real one.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

parser = argparse.ArgumentParser()
parser.add_argument("--mode", choices=["na", "libtorrent", "corrupt", "fail"], required=True)
parser.add_argument("--version", action="store_true")
parser.add_argument("command", nargs="?")
parser.add_argument("torrent", nargs="?")
parser.add_argument("-o", "--output")
parser.add_argument("-d", "--dir")
parser.add_argument("--port", type=int)
parser.add_argument("--peer", action="append", default=[])
parser.add_argument("--encryption")
for flag in ("--no-seed", "--no-dht", "--no-lsd", "--json"):
    parser.add_argument(flag, action="store_true")
args = parser.parse_args()

if args.version:
    print("torrpedo 0.0.0-fake")
    sys.exit(0)
if args.mode == "na":
    print("torrpedo: '%s' is not available yet: this build has no engine" % args.command, file=sys.stderr)
    sys.exit(1)
if args.mode == "fail":
    print("torrpedo: something went wrong", file=sys.stderr)
    sys.exit(1)
if args.mode == "corrupt":
    import libtorrent as lt
    info = lt.torrent_info(args.torrent)
    with open(os.path.join(args.output, info.name()), "wb") as f:
        f.write(b"\x55" * info.total_size())
    sys.exit(0)
cmd = ["/usr/bin/python3", "-u", os.path.join(HERE, "lt_client.py"),
       "seed" if args.command == "seed" else "leech", "--torrent", args.torrent,
       "--save", args.dir if args.command == "seed" else args.output, "--port", str(args.port)]
for peer in args.peer:
    cmd += ["--peer", peer]
os.execv(cmd[0], cmd)
