"""A python3-libtorrent DHT node for the interop tests: DHT only, on 127.0.0.1.

The restrictions that keep a DHT off loopback are turned off, as a private DHT needs
(dht_restrict_routing_ips, dht_restrict_search_ips, dht_ignore_dark_internet,
dht_prefer_verified_node_ids, dht_enforce_node_id), there are no bootstrap routers, and
the per-IP rate limit and upload cap are raised (every node shares 127.0.0.1).

Prints "LISTENING <port>" once it listens and "NODES <n> <node id hex>" every half second.
Reads commands from stdin, one per line, and exits when stdin closes:
  ADD <host> <port>         add_dht_node: ping it, keep it if it answers
  ANNOUNCE <hex>            adds a torrent (info-hash only, as a magnet link would) so that
                            libtorrent announces its listen port for it in the DHT
  GET_PEERS <hex>           dht_get_peers; prints "PEERS <hex> <ip:port> ..." (all found so far) on each reply
  PUT_IMMUTABLE <text>      BEP 44 put of the string; prints "PUT <target hex>", then "PUT_DONE <target hex> <nodes>"
  GET_IMMUTABLE <hex>       BEP 44 get; prints "ITEM <target hex> <bencoded value as hex>"
"""
import argparse
import re
import select
import sys
import time

import libtorrent as lt

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--save", default=".", help="where an announced torrent would be saved (nothing is)")
args = parser.parse_args()

session = lt.session({
    "listen_interfaces": "127.0.0.1:%d" % args.port,
    "enable_dht": True,
    "enable_lsd": False,
    "enable_upnp": False,
    "enable_natpmp": False,
    "dht_bootstrap_nodes": "",
    "dht_restrict_routing_ips": False,
    "dht_restrict_search_ips": False,
    "dht_ignore_dark_internet": False,
    "dht_prefer_verified_node_ids": False,
    "dht_enforce_node_id": False,
    "dht_block_ratelimit": 10000,
    "dht_upload_rate_limit": 1000000,
    "alert_mask": lt.alert.category_t.dht_notification | lt.alert.category_t.dht_operation_notification
                  | lt.alert.category_t.error_notification
                  | lt.alert.category_t.status_notification,
})

print("LISTENING %d" % session.listen_port(), flush=True)
found = {}
node_id = "?"
nodes = 0
last_stats = 0.0
open_stdin = True
while open_stdin:
    ready, _, _ = select.select([sys.stdin], [], [], 0.1)
    if ready:
        line = sys.stdin.readline()
        if not line:
            open_stdin = False
            break
        cmd = line.split()
        if cmd and cmd[0] == "ADD":
            session.add_dht_node((cmd[1], int(cmd[2])))
        elif cmd and cmd[0] == "ANNOUNCE":
            params = lt.add_torrent_params()
            params.info_hashes = lt.info_hash_t(lt.sha1_hash(bytes.fromhex(cmd[1])))
            params.save_path = args.save
            session.add_torrent(params)
            print("ANNOUNCING %s" % cmd[1], flush=True)
        elif cmd and cmd[0] == "PUT_IMMUTABLE":
            target = session.dht_put_immutable_item(line.split(" ", 1)[1].rstrip("\n").encode())
            print("PUT %s" % str(target).lower(), flush=True)
        elif cmd and cmd[0] == "GET_IMMUTABLE":
            session.dht_get_immutable_item(lt.sha1_hash(bytes.fromhex(cmd[1])))
        elif cmd and cmd[0] == "GET_PEERS":
            found.setdefault(cmd[1].lower(), set())
            session.dht_get_peers(lt.sha1_hash(bytes.fromhex(cmd[1])))
    for alert in session.pop_alerts():
        if isinstance(alert, lt.dht_get_peers_reply_alert):
            key = str(alert.info_hash).lower()
            peers = found.setdefault(key, set())
            for ip, port in alert.peers():
                peers.add("%s:%d" % (ip, port))
            print("PEERS %s %s" % (key, " ".join(sorted(peers))), flush=True)
        elif isinstance(alert, lt.dht_put_alert):
            print("PUT_DONE %s %d" % (str(alert.target).lower(), alert.num_success), flush=True)
        elif isinstance(alert, lt.dht_immutable_item_alert):
            item = alert.item
            value = item["value"] if isinstance(item, dict) and "value" in item else item  # the binding wraps it
            print("ITEM %s %s" % (str(alert.target).lower(), lt.bencode(value).hex()), flush=True)
        elif isinstance(alert, lt.dht_stats_alert):
            nodes = sum(b["num_nodes"] for b in alert.routing_table)
            m = re.search(r"\(([0-9a-f]{40})\)", alert.message())
            if m:
                node_id = m.group(1)
        elif isinstance(alert, (lt.dht_announce_alert, lt.dht_get_peers_alert)):
            print("ALERT %s" % alert.message(), flush=True)
    now = time.time()
    if now - last_stats >= 0.5:
        last_stats = now
        session.post_dht_stats()
        print("NODES %d %s" % (nodes, node_id), flush=True)
