"""How each client is started: the exact command lines the benchmark times."""
import json
import os
import shutil
import socket
import subprocess

PYTHON = "/usr/bin/python3"
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LT_CLIENT = os.path.join(HERE, "lt_client.py")

# What `torrpedo download` or `torrpedo seed` print while the engine is not wired in.
NOT_AVAILABLE = "not available yet"


class Missing(Exception):
    """A client the selected legs need is not installed."""


def require(command, package):
    path = shutil.which(command)
    if not path:
        raise Missing("%s is missing: apt-get install -y %s" % (command, package))
    return path


def lt_seed(torrent, data_dir, port, also_listen=None):
    cmd = [PYTHON, "-u", LT_CLIENT, "seed", "--torrent", torrent, "--save", data_dir, "--port", str(port)]
    return cmd + (["--also-listen", also_listen] if also_listen else [])


def lt_leech(torrent, out_dir, port, peers):
    cmd = [PYTHON, "-u", LT_CLIENT, "leech", "--torrent", torrent, "--save", out_dir, "--port", str(port)]
    for peer in peers:
        cmd += ["--peer", peer]
    return cmd


def aria2_leech(aria2c, tracker_torrent, out_dir, port):
    """aria2c finds the seeder through the tracker in tracker_torrent; exits once complete."""
    return [aria2c, "--no-conf=true", "--dir=" + out_dir, "--listen-port=%d" % port, "--seed-time=0",
            "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
            "--file-allocation=none", "--max-overall-download-limit=0", "--max-download-limit=0",
            "--bt-save-metadata=false", "--auto-file-renaming=false", "--allow-overwrite=true",
            "--stop-with-process=%d" % os.getpid(), "--console-log-level=warn", "--summary-interval=0",
            "--download-result=hide", tracker_torrent]


# transmission-cli reads these from settings.json in its config directory.
TRANSMISSION_SETTINGS = {
    "dht-enabled": False, "lpd-enabled": False, "pex-enabled": False, "utp-enabled": False,
    "port-forwarding-enabled": False, "speed-limit-down-enabled": False, "speed-limit-up-enabled": False,
    "alt-speed-enabled": False, "encryption": 0, "peer-limit-global": 200, "peer-limit-per-torrent": 50,
    "start-added-torrents": True, "message-level": 1,
}


def own_address():
    """This host's primary IPv4 address (not 127.x), for transmission-cli: Transmission 3.00
    treats 127.0.0.0/8 peers as martian and never connects to them. Connections to it
    still stay inside the kernel (they go through the loopback device)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))       # TEST-NET-1: routes without sending anything
            address = s.getsockname()[0]
        except OSError:
            address = None
    if not address or address.startswith("127.") or address == "0.0.0.0":
        raise Missing("no IPv4 address other than 127.x: transmission-cli 3.00 refuses loopback peers")
    return address


def transmission_leech(cli, tracker_torrent, out_dir, config_dir, port):
    """transmission-cli never exits on its own: a finish script sends SIGINT to its process
    group (itself and /usr/bin/time, which ignores it), and it exits gracefully."""
    os.makedirs(config_dir, exist_ok=True)
    with open(os.path.join(config_dir, "settings.json"), "w") as f:
        json.dump(dict(TRANSMISSION_SETTINGS, **{"peer-port": port}), f, indent=1)
    finish = os.path.join(config_dir, "finish.sh")
    with open(finish, "w") as f:
        f.write("#!/bin/sh\nkill -INT 0\n")
    os.chmod(finish, 0o755)
    return [cli, "-w", out_dir, "-g", config_dir, "-p", str(port), "-D", "-U", "-M", "-et", "-f", finish,
            tracker_torrent]


def torrpedo_download(torrpedo, torrent, out_dir, port, peers):
    cmd = list(torrpedo) + ["download", torrent, "-o", out_dir, "--port", str(port), "--no-seed", "--no-dht",
                            "--no-lsd", "--encryption", "plain", "--json"]
    for peer in peers:
        cmd += ["--peer", peer]
    return cmd


def torrpedo_seed(torrpedo, torrent, data_dir, port):
    return list(torrpedo) + ["seed", torrent, "-d", data_dir, "--port", str(port), "--encryption", "plain"]


def torrpedo_ready(torrpedo, log):
    """Builds the jar if the launcher needs to (untimed), and checks that it runs.
    Returns `torrpedo --version`'s first line."""
    with open(log, "ab") as f:
        out = subprocess.run(list(torrpedo) + ["--version"], stdout=subprocess.PIPE, stderr=f, text=True,
                             timeout=1800)
    if out.returncode != 0:
        raise Missing("'%s --version' exited with %d (see %s)" % (" ".join(torrpedo), out.returncode, log))
    return (out.stdout.strip().splitlines() or ["torrpedo"])[0]


def not_available(log_path):
    """True when the log of a torrpedo command says that command is not available yet."""
    try:
        with open(log_path, errors="replace") as f:
            return NOT_AVAILABLE in f.read()
    except OSError:
        return False


def last_line(log_path):
    try:
        with open(log_path, errors="replace") as f:
            lines = [line.strip() for line in f if line.strip()]
    except OSError:
        return "(no log)"
    return lines[-1] if lines else "(empty log)"
