#!/usr/bin/env bash
# The torrpedo command against real clients, driven as a user would drive it from a shell:
#   1. python3-libtorrent makes a .torrent (hybrid v1+v2) and seeds it; `torrpedo download
#      --peer` fetches it, and the files must equal the originals.
#   2. `torrpedo create` makes a .torrent; aria2c waits to download it; `torrpedo seed --peer`
#      checks the data, dials aria2c and serves it; aria2c exits once its files are whole and
#      checked, and Ctrl-C (SIGINT) then stops the seed with exit code 130.
# Everything runs on 127.0.0.1 on free ports, in a temporary directory removed on exit; each
# step has a deadline. Prints one "ok: ..." line per part and "PASS" at the end; exits 0 only
# then. Run by the interop Maven profile (CliInteropTest), or by hand after a build:
#   mvn -q -DskipTests package && interop/scripts/cli-interop.sh
#
# Environment: TORRPEDO_JAR (default: client-demo/target/torrpedo.jar), JAVA (default: java
# from JAVA_HOME, else from the PATH), PYTHON (default: /usr/bin/python3, which has
# python3-libtorrent), DEADLINE (seconds per step, default 120).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${TORRPEDO_JAR:-$root/client-demo/target/torrpedo.jar}"
python="${PYTHON:-/usr/bin/python3}"
pyscripts="$root/interop/src/test/resources/python"
deadline="${DEADLINE:-120}"
if [ -n "${JAVA:-}" ]; then java="$JAVA"
elif [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"
else java="java"; fi

fail() { echo "FAIL: $*" >&2; exit 1; }

[ -f "$jar" ] || fail "$jar is missing: build it first (mvn -q -DskipTests package)"
"$python" -c 'import libtorrent' 2>/dev/null || fail "$python cannot import libtorrent: apt-get install -y python3-libtorrent"
command -v aria2c >/dev/null || fail "aria2c is missing: apt-get install -y aria2"

work="$(mktemp -d "${TMPDIR:-/tmp}/torrpedo-cli-interop.XXXXXX")"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work"

torrpedo() { timeout "$deadline" "$java" -jar "$jar" "$@"; }

# A port free on 127.0.0.1 for TCP and UDP (libtorrent listens on both) when asked.
free_port() {
  "$python" - <<'EOF'
import socket
while True:
    t = socket.socket()
    t.bind(("127.0.0.1", 0))
    port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        u.close()
        t.close()
    print(port)
    break
EOF
}

# await WHAT LOG PID COMMAND...: polls COMMAND every 0.1 s until it succeeds; fails, showing
# LOG, when process PID exits first or after $deadline seconds. (The greps polled below use
# -s: the file a background job writes to may not exist yet when the polling starts.)
await() {
  local what="$1" log="$2" pid="$3"
  shift 3
  local end=$((SECONDS + deadline))
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      fail "$what: the process exited first; its log:"$'\n'"$(cat "$log" 2>/dev/null)"
    fi
    if [ "$SECONDS" -ge "$end" ]; then
      fail "$what: not within ${deadline}s; log:"$'\n'"$(cat "$log" 2>/dev/null)"
    fi
    sleep 0.1
  done
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The bytes in the files under a directory (du would count the directories too).
bytes_in() { find "$1" -type f -printf '%s\n' | awk '{ n += $1 } END { print n + 0 }'; }

# A payload of several files of random bytes, some not a whole number of pieces long.
make_payload() {
  local dir="$1"
  mkdir -p "$dir/sub"
  head -c 3000000 /dev/urandom >"$dir/a.bin"
  head -c 1 /dev/urandom >"$dir/b.bin"
  head -c 777777 /dev/urandom >"$dir/sub/c.bin"
  printf 'hello from the interop script\n' >"$dir/sub/readme.txt"
}

# 1. libtorrent seeds, torrpedo downloads.
mkdir -p lt-seed dl
make_payload lt-seed/payload
"$python" "$pyscripts/lt_make_torrent.py" --mode hybrid --piece-size 65536 --out lt.torrent lt-seed/payload >/dev/null
lt_port="$(free_port)"
"$python" -u "$pyscripts/lt_peer.py" --port "$lt_port" --torrent lt.torrent --save lt-seed --encryption prefer \
  --tcp-only >lt.log 2>&1 &
pids+=($!)
await "libtorrent seeding" lt.log "${pids[-1]}" grep -qs '"state": "seeding"' lt.log
start=$SECONDS
torrpedo download lt.torrent -o dl --peer "127.0.0.1:$lt_port" --port 0 --no-seed --no-dht --no-lsd \
  >download.out 2>download.err || fail "torrpedo download exited with $?:"$'\n'"$(cat download.out download.err)"
diff -r lt-seed/payload dl/payload >/dev/null || fail "the download differs from libtorrent's files"
# libtorrent prints its counters every half second: poll for them rather than read them once.
await "libtorrent's upload count (did the data come from libtorrent?)" lt.log "${pids[-1]}" \
  grep -qs '"uploaded": [1-9]' lt.log
echo "ok: torrpedo download from python3-libtorrent: $(bytes_in dl/payload) bytes in $((SECONDS - start)) s"

# 2. torrpedo seeds, aria2c downloads. aria2 reads v1 torrents only, so --v1.
mkdir -p ours leech
make_payload ours/payload
torrpedo create ours/payload -o ours.torrent --v1 --piece-size 64K >create.out 2>&1 \
  || fail "torrpedo create exited with $?:"$'\n'"$(cat create.out)"
aria_port="$(free_port)"
# --seed-time=0: exit once the download is complete and checked, instead of seeding on.
timeout "$deadline" aria2c --listen-port="$aria_port" --dir=leech --seed-time=0 --check-integrity=true \
  --enable-dht=false --enable-dht6=false --bt-enable-lpd=false --enable-peer-exchange=false \
  --file-allocation=none --summary-interval=0 --console-log-level=warn ours.torrent >aria2.log 2>&1 &
aria_pid=$!
pids+=("$aria_pid")
await "aria2c listening" aria2.log "$aria_pid" listening "$aria_port"
# Not through the torrpedo function: $! must be timeout's own pid, so that the Ctrl-C below
# reaches it (timeout passes it on to java; a background job of a script ignores SIGINT, but
# timeout catches it, and so java starts with it at its default).
timeout "$deadline" "$java" -jar "$jar" seed ours.torrent -d ours --peer "127.0.0.1:$aria_port" --port 0 \
  >seed.out 2>seed.err &
seed_pid=$!
pids+=("$seed_pid")
await "torrpedo seed serving" seed.err "$seed_pid" grep -qs '^seeding payload from ' seed.out
start=$SECONDS
aria_code=0
wait "$aria_pid" || aria_code=$?
[ "$aria_code" = 0 ] || fail "aria2c exited with $aria_code; its log:"$'\n'"$(cat aria2.log)"$'\n'"torrpedo seed:"$'\n'"$(cat seed.out seed.err)"
diff -r ours/payload leech/payload >/dev/null || fail "aria2c's download differs from the seeded files"
kill -INT "$seed_pid"
seed_code=0
wait "$seed_pid" || seed_code=$?
[ "$seed_code" = 130 ] || fail "torrpedo seed exited with $seed_code after Ctrl-C, not 130:"$'\n'"$(cat seed.out seed.err)"
echo "ok: torrpedo seed to aria2c: $(bytes_in leech/payload) bytes in $((SECONDS - start)) s, then Ctrl-C: exit 130"
echo "PASS"
