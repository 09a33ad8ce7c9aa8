"""One python3-libtorrent peer for the end-to-end benchmark (run by e2e.py, not by hand).

  lt_client.py seed  --torrent T --save DIR --port P
      Checks the data, prints "READY <port>" once seeding, then seeds until killed or until
      its standard input closes.
  lt_client.py leech --torrent T --save DIR --port P --peer HOST:PORT [--peer ...]
      Downloads into DIR, prints "DONE <seconds>" (from adding the torrent to its last
      piece passing the hash check) and exits 0; exits 1 with one line on stderr on an error
      or when its standard input closes first.

Both are isolated to loopback: no DHT, LSD, PEX, UPnP, NAT-PMP, uTP, trackers or rate limits, and
several connections from one IP allowed (every peer here is 127.0.0.1). The seeder uses
libtorrent's own high_performance_seed() preset; the leecher keeps libtorrent's defaults,
as a user of the library would run it. Connections are plaintext; the seeder also accepts
an MSE handshake (settling on plaintext) for clients that try one first.
"""
import argparse
import sys
import threading
import time

import libtorrent as lt

ISOLATION = {
    "enable_dht": False,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "enable_incoming_utp": False,
    "enable_outgoing_utp": False,
    "allow_multiple_connections_per_ip": True,
    "upload_rate_limit": 0,
    "download_rate_limit": 0,
    "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
}


def settings(mode, port):
    s = lt.high_performance_seed() if mode == "seed" else lt.default_settings()
    s.update(ISOLATION)
    s["listen_interfaces"] = "127.0.0.1:%d" % port
    if mode == "seed":
        # Accept plaintext and MSE handshakes; an MSE handshake settles on plaintext.
        s["in_enc_policy"] = lt.enc_policy.enabled
        s["out_enc_policy"] = lt.enc_policy.disabled
        s["allowed_enc_level"] = lt.enc_level.both
        s["prefer_rc4"] = False
    else:
        s["in_enc_policy"] = lt.enc_policy.disabled
        s["out_enc_policy"] = lt.enc_policy.disabled
        s["allowed_enc_level"] = lt.enc_level.plaintext
    return s


def fail(message):
    print("lt_client: " + message, file=sys.stderr, flush=True)
    sys.exit(1)


def check_alert(alert):
    """Fails on an alert that means the run cannot succeed."""
    if isinstance(alert, (lt.file_error_alert, lt.torrent_error_alert, lt.listen_failed_alert,
                          lt.metadata_failed_alert)):
        fail(alert.message())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["seed", "leech"])
    parser.add_argument("--torrent", required=True)
    parser.add_argument("--save", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--peer", action="append", default=[], help="HOST:PORT to connect to")
    parser.add_argument("--also-listen", metavar="IPV4", help="listen on this address too (same port)")
    args = parser.parse_args()

    s = settings(args.mode, args.port)
    if args.also_listen:
        s["listen_interfaces"] += ",%s:%d" % (args.also_listen, args.port)
    session = lt.session(s)
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(args.torrent)
    params.save_path = args.save
    params.flags |= lt.torrent_flags.disable_pex | lt.torrent_flags.disable_dht | lt.torrent_flags.disable_lsd
    started = time.monotonic()
    handle = session.add_torrent(params)
    peers = [(host, int(port)) for host, port in (p.rsplit(":", 1) for p in args.peer)]
    for peer in peers:
        handle.connect_peer(peer)

    if args.mode == "seed":
        seed(session, handle)
    else:
        leech(session, handle, peers, started)


def seed(session, handle):
    stdin_closed = watch_stdin()
    ready = False
    while not stdin_closed.is_set():
        session.wait_for_alert(200)
        for alert in session.pop_alerts():
            check_alert(alert)
        if not ready and handle.status().is_seeding:
            print("READY %d" % session.listen_port(), flush=True)
            ready = True
        elif not ready and handle.status().state == lt.torrent_status.downloading:
            fail("the seeder's data is incomplete: %s" % handle.status().save_path)


def leech(session, handle, peers, started):
    stdin_closed = watch_stdin()
    connected = False
    while not stdin_closed.is_set():
        session.wait_for_alert(100)
        for alert in session.pop_alerts():
            check_alert(alert)
        status = handle.status()
        if status.is_seeding:
            print("DONE %.3f" % (time.monotonic() - started), flush=True)
            return
        # Peers added while the (empty) files are checked are kept; connect again once, in
        # case this libtorrent dropped them.
        if not connected and status.state == lt.torrent_status.downloading:
            for peer in peers:
                handle.connect_peer(peer)
            connected = True
    fail("standard input closed before the download completed")


def watch_stdin():
    """An event set when standard input closes: the harness holds it open, so no peer
    outlives the harness, even one killed with SIGKILL."""
    closed = threading.Event()

    def watch():
        sys.stdin.read()
        closed.set()

    threading.Thread(target=watch, daemon=True).start()
    return closed


if __name__ == "__main__":
    main()
