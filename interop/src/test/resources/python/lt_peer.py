"""A python3-libtorrent peer for the interop tests: seeds or downloads one torrent on loopback.

Prints "LISTENING <port>" once it listens, a "STATUS <json>" line every half second, and
"COMPLETE" when the torrent is complete. Runs until killed or until --exit-on-complete.
"""
import argparse
import json
import sys
import time

import libtorrent as lt

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--torrent", help="the .torrent to seed or download")
parser.add_argument("--magnet", help="a magnet link instead of --torrent: metadata (and v2 piece layers) from peers")
parser.add_argument("--save", required=True)
parser.add_argument("--peer", action="append", default=[], help="HOST:PORT to connect to")
parser.add_argument("--encryption", choices=["plain", "prefer", "require"], default="prefer")
parser.add_argument("--exit-on-complete", action="store_true")
parser.add_argument("--tcp-only", action="store_true", help="no uTP: dial peers over TCP at once")
args = parser.parse_args()

enc = {
    "plain": (lt.enc_policy.disabled, lt.enc_level.plaintext),
    "prefer": (lt.enc_policy.enabled, lt.enc_level.both),
    "require": (lt.enc_policy.forced, lt.enc_level.rc4),
}[args.encryption]

session = lt.session({
    "listen_interfaces": "127.0.0.1:%d" % args.port,
    "enable_dht": False,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "allow_multiple_connections_per_ip": True,
    "in_enc_policy": enc[0],
    "out_enc_policy": enc[0],
    "allowed_enc_level": enc[1],
    "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification
    | lt.alert.category_t.tracker_notification,
    **({"enable_outgoing_utp": False, "enable_incoming_utp": False} if args.tcp_only else {}),
})

if args.magnet:
    params = lt.parse_magnet_uri(args.magnet)
else:
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(args.torrent)
params.save_path = args.save
handle = session.add_torrent(params)

print("LISTENING %d" % session.listen_port(), flush=True)
connected = False
complete = False
while True:
    status = handle.status()
    if not connected and status.state not in (lt.torrent_status.checking_files, lt.torrent_status.checking_resume_data):
        for peer in args.peer:
            host, port = peer.rsplit(":", 1)
            handle.connect_peer((host, int(port)))
        connected = True
    for alert in session.pop_alerts():
        print("ALERT %s" % alert.message(), flush=True)
    print("STATUS " + json.dumps({
        "state": str(status.state),
        "progress": status.progress,
        "peers": status.num_peers,
        "downloaded": status.total_payload_download,
        "uploaded": status.total_payload_upload,
    }), flush=True)
    if status.is_seeding and not complete:
        complete = True
        print("COMPLETE", flush=True)
        if args.exit_on_complete:
            sys.exit(0)
    time.sleep(0.5)
