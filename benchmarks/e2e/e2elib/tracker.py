"""A minimal HTTP tracker on 127.0.0.1 for the clients that cannot be told a peer address
(aria2c, transmission-cli): every announce to one path gets that path's fixed peer list."""
import socket
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def bencode(value):
    if isinstance(value, int):
        return b"i%de" % value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return b"%d:%s" % (len(value), value)
    if isinstance(value, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, v) for k, v in value.items())
        return b"d" + b"".join(bencode(k) + bencode(v) for k, v in items) + b"e"
    if isinstance(value, list):
        return b"l" + b"".join(bencode(v) for v in value) + b"e"
    raise TypeError(type(value))


def compact(peers):
    """[(host, port)] -> the BEP 23 compact peer list."""
    return b"".join(socket.inet_aton(host) + struct.pack(">H", port) for host, port in peers)


class Tracker:
    """Answers GET /<name>/announce with the peers given to url(name, peers)."""

    def __init__(self, port):
        self._peers = {}
        tracker = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                name, _, rest = self.path.lstrip("/").partition("/")
                peers = tracker._peers.get(name)
                if peers is not None and rest.startswith("announce"):
                    body = bencode({"interval": 1800, "min interval": 1800, "complete": len(peers),
                                    "incomplete": 0, "peers": compact(peers)})
                    self.send_response(200)
                else:
                    body = b"not found"
                    self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, name="tracker", daemon=True)
        self._thread.start()

    def url(self, name, peers):
        """The announce URL that answers with peers, a list of (IPv4 address, port)."""
        self._peers[name] = list(peers)
        return "http://127.0.0.1:%d/%s/announce" % (self.server.server_address[1], name)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
