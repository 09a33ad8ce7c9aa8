"""The payload: one deterministic file and its v1 torrent, cached in the work directory."""
import hashlib
import json
import os
import random
import re
from dataclasses import dataclass

import libtorrent as lt

PIECE = 1 << 20
SEED = 0x7044E2E        # the payload is random.Random(SEED).randbytes, 1 MiB at a time
FORMAT = 1              # bump when the payload or the torrent would be made differently


def parse_size(text):
    """'1G', '256M', '64K', '1048576' -> bytes (binary multiples)."""
    m = re.fullmatch(r"\s*(\d+)\s*([KMGT]?)(i?B)?\s*", text, re.IGNORECASE)
    if not m or int(m.group(1)) == 0:
        raise ValueError("size: %r (expected: a positive number of bytes, as 1G, 256M or 1048576)" % text)
    return int(m.group(1)) << (10 * " KMGT".index(m.group(2).upper() or " "))


def size_label(size):
    """1073741824 -> '1 GiB', 268435456 -> '256 MiB', other sizes in bytes."""
    for shift, unit in ((40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")):
        if size >= 1 << shift and size % (1 << shift) == 0:
            return "%d %s" % (size >> shift, unit)
    return "%d bytes" % size


@dataclass
class Payload:
    dir: str        # holds the file, as a seeder's save path
    name: str       # the file's name, and the torrent's
    size: int
    sha1: str       # of the whole file
    torrent: str    # v1, 1 MiB pieces, no trackers
    info_hash: str

    @property
    def file(self):
        return os.path.join(self.dir, self.name)

    @property
    def pieces(self):
        return (self.size + PIECE - 1) // PIECE


def ensure(work, size, say):
    """Makes the payload of `size` bytes in work/payload-<size>/, or checks the cached one.

    Either way the whole file is read, which leaves it in the page cache for the seeders."""
    name = "torrpedo-e2e-%d.bin" % size
    pdir = os.path.join(work, "payload-%d" % size)
    data_dir = os.path.join(pdir, "data")
    meta_path = os.path.join(pdir, "meta.json")
    torrent = os.path.join(pdir, name + ".torrent")
    os.makedirs(data_dir, exist_ok=True)
    path = os.path.join(data_dir, name)
    meta = _read_json(meta_path)
    if meta and meta.get("format") == FORMAT and meta.get("size") == size and os.path.isfile(torrent) \
            and os.path.isfile(path) and os.path.getsize(path) == size:
        say("checking the cached payload %s" % path)
        if sha1_of(path) == meta["sha1"]:
            return Payload(data_dir, name, size, meta["sha1"], torrent, meta["info_hash"])
        say("the cached payload changed; making it again")
    say("writing the payload: %s of random.Random(%#x) bytes to %s" % (size_label(size), SEED, path))
    digest = hashlib.sha1()
    rng = random.Random(SEED)
    with open(path + ".part", "wb") as f:
        left = size
        while left:
            chunk = rng.randbytes(min(left, PIECE))
            digest.update(chunk)
            f.write(chunk)
            left -= len(chunk)
    os.replace(path + ".part", path)
    say("making the torrent (v1, pieces of %s)" % size_label(PIECE))
    info_hash = make_torrent(path, torrent)
    meta = {"format": FORMAT, "size": size, "seed": SEED, "sha1": digest.hexdigest(), "info_hash": info_hash}
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=1)
    return Payload(data_dir, name, size, meta["sha1"], torrent, info_hash)


def make_torrent(path, out):
    """Writes a v1-only torrent of the single file `path`, 1 MiB pieces; returns its info hash."""
    fs = lt.file_storage()
    lt.add_files(fs, path)
    t = lt.create_torrent(fs, PIECE, flags=lt.create_torrent.v1_only)
    t.set_creator("torrpedo e2e benchmark")
    lt.set_piece_hashes(t, os.path.dirname(path))
    with open(out + ".part", "wb") as f:
        f.write(lt.bencode(t.generate()))
    os.replace(out + ".part", out)
    return str(lt.torrent_info(out).info_hashes().v1)


def with_announce(torrent, url, out):
    """Writes a copy of `torrent` that announces to `url` (same info dictionary, same info hash)."""
    with open(torrent, "rb") as f:
        data = lt.bdecode(f.read())
    data[b"announce"] = url.encode()
    with open(out, "wb") as f:
        f.write(lt.bencode(data))
    if lt.torrent_info(out).info_hashes().v1 != lt.torrent_info(torrent).info_hashes().v1:
        raise RuntimeError("adding an announce URL changed the info hash of " + torrent)
    return out


def sha1_of(path):
    digest = hashlib.sha1()
    with open(path, "rb") as f:
        while True:
            chunk = f.read(4 << 20)
            if not chunk:
                return digest.hexdigest()
            digest.update(chunk)


def verify(payload, directory):
    """None when directory holds exactly the payload's file with its content; else what is wrong."""
    path = os.path.join(directory, payload.name)
    if not os.path.isfile(path):
        return "%s is missing" % path
    size = os.path.getsize(path)
    if size != payload.size:
        return "%s has %d bytes, expected %d" % (path, size, payload.size)
    got = sha1_of(path)
    if got != payload.sha1:
        return "%s has SHA-1 %s, expected %s" % (path, got, payload.sha1)
    return None


def _read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None
