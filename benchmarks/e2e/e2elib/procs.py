"""Child processes of the benchmark: started in their own process group, measured with
/usr/bin/time -v, and all torn down when the harness exits, however it exits."""
import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass

TIME = "/usr/bin/time"


class Interrupted(BaseException):
    """Raised in the main thread by SIGINT, SIGTERM or SIGHUP."""

    def __init__(self, signum):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def raise_on_signals():
    """Turns SIGINT, SIGTERM and SIGHUP into Interrupted, so `finally` blocks tear down."""

    def handler(signum, _frame):
        raise Interrupted(signum)

    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, handler)


class Children:
    """Every process the harness started; stop_all() ends each process group it made."""

    def __init__(self):
        self._live = []

    def start(self, cmd, log_path, cwd=None, stdin=subprocess.DEVNULL, env=None):
        """Starts cmd in a new session (its own process group), output appended to log_path."""
        with open(log_path, "ab") as log:
            log.write(("$ " + " ".join(cmd) + "\n").encode())
            log.flush()
            p = subprocess.Popen(cmd, cwd=cwd, stdin=stdin, stdout=log, stderr=subprocess.STDOUT,
                                 start_new_session=True, env=env)
        self._live.append(p)
        return p

    def stop(self, p, grace=5.0):
        """Ends p's process group: SIGTERM, then SIGKILL after `grace` seconds."""
        if p.poll() is None:
            _killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(grace)
            except subprocess.TimeoutExpired:
                _killpg(p.pid, signal.SIGKILL)
                p.wait()
        # The group may still hold a grandchild (the client under /usr/bin/time).
        _killpg(p.pid, signal.SIGKILL)
        if p.stdin:
            p.stdin.close()
        if p in self._live:
            self._live.remove(p)

    def stop_all(self):
        # Signal every group first, so the grace periods overlap.
        for p in list(self._live):
            if p.poll() is None:
                _killpg(p.pid, signal.SIGTERM)
        for p in list(self._live):
            self.stop(p, grace=5.0)


def _killpg(pgid, sig):
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def free_port():
    """A port free for TCP and UDP on 127.0.0.1 at the time of the call."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
            tcp.bind(("127.0.0.1", 0))
            port = tcp.getsockname()[1]
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                    udp.bind(("127.0.0.1", port))
                    return port
            except OSError:
                continue
    raise RuntimeError("no free port on 127.0.0.1")


def accepts(port):
    """True when something accepts TCP connections on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def cpu_seconds(pid):
    """User+system CPU seconds used so far by process pid (all its threads)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is the state (field 3); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds():
    """(busy, steal): CPU seconds all processes of the machine have used since boot (user,
    nice, system, irq, softirq), and those the hypervisor took (steal), from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    steal = fields[7] if len(fields) > 7 else 0
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, steal / tick


def own_cpu_seconds(live_pids):
    """CPU seconds used by this process, its reaped descendants and the live processes given."""
    import resource
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        r = resource.getrusage(who)
        total += r.ru_utime + r.ru_stime
    for pid in live_pids:
        try:
            total += cpu_seconds(pid)
        except OSError:
            pass
    return total


@dataclass
class Measure:
    """What /usr/bin/time -v says of one process."""
    wall: float      # seconds
    user: float      # CPU seconds in user mode
    sys: float       # CPU seconds in the kernel
    rss_kib: int     # peak resident set size
    exit_code: int

    @property
    def cpu(self):
        return self.user + self.sys


def parse_time_v(text):
    """Parses the report of GNU `time -v`."""
    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r":\s*(.+)$", text, re.MULTILINE)
        if not m:
            raise ValueError("no '%s' in the output of time -v" % name)
        return m.group(1).strip()

    wall = 0.0
    for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
        wall = wall * 60 + float(part)
    return Measure(wall=wall, user=float(field("User time (seconds)")), sys=float(field("System time (seconds)")),
                   rss_kib=int(field("Maximum resident set size (kbytes)")), exit_code=int(field("Exit status")))


class Timed:
    """A command running under /usr/bin/time -v."""

    def __init__(self, children, cmd, log_path, time_path, cwd=None, env=None):
        self.children = children
        self.log_path = log_path
        self.time_path = time_path
        self.started = time.monotonic()
        # A pipe on stdin that only closes with the harness: lt_client.py watches it.
        self.process = children.start([TIME, "-v", "-o", time_path] + list(cmd), log_path, cwd=cwd, env=env,
                                      stdin=subprocess.PIPE)

    def wait(self, deadline):
        """Waits until the command exits, or stops it at `deadline` (monotonic) and returns None."""
        try:
            self.process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.children.stop(self.process)
            return None
        self.children.stop(self.process)
        with open(self.time_path) as f:
            text = f.read()
        if "Exit status" not in text:
            # time itself failed, or the client was killed by a signal before time reported.
            return Measure(0.0, 0.0, 0.0, 0, self.process.returncode or 1)
        measure = parse_time_v(text)
        if self.process.returncode:
            measure.exit_code = self.process.returncode
        return measure


def wait_for(predicate, deadline, poll=0.05):
    """Polls predicate until it returns something true or the deadline passes; returns its value."""
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(poll)
