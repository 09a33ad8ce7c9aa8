#!/usr/bin/python3
"""End-to-end benchmark: Torrpedo against libtorrent, aria2 (and Transmission) on loopback.

  benchmarks/e2e/e2e.py [--size 1G] [--runs 5] [--transmission] [--skip swarm,...] [--no-record]

Makes (or reuses) a deterministic payload and its v1 torrent under benchmarks/e2e/work/,
starts a python3-libtorrent seeder, then times the same download by each leecher, the
upload by each seeder to a libtorrent leecher, and one seeder feeding N leechers at once,
all interleaved round by round. Prints the medians with ratios to libtorrent and appends
them, with the machine and the command, to benchmarks/README.md under "## end-to-end".
See that section for what is measured and how.

Exit codes: 0 done, 1 a client is missing or a run failed (one line on stderr), 2 bad
usage, 130 interrupted. A Torrpedo leg whose command says "not available yet" is n/a.
"""
import argparse
import datetime
import os
import shlex
import shutil
import subprocess
import sys
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

PROG = "e2e"

try:
    import libtorrent
except ImportError as e:
    sys.exit("%s: %s: run with /usr/bin/python3 and apt-get install -y python3-libtorrent" % (PROG, e))

from e2elib import clients, payload, procs, report, tracker  # noqa: E402 (needs sys.path and libtorrent)


class Failure(Exception):
    """A run failed, or the benchmark cannot run: reported as one line, exit code 1."""


class NotAvailable(Exception):
    """A Torrpedo command said it is not available yet."""


def say(message):
    print(message, flush=True)


def parse_args(argv, parse_size):
    p = argparse.ArgumentParser(prog="benchmarks/e2e/e2e.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--size", default="1G", type=_checked(parse_size),
                   help="payload size, as 1G, 256M or bytes (default 1G); one file, 1 MiB pieces")
    p.add_argument("--runs", type=_positive, default=5, help="timed rounds; each figure is their median (default 5)")
    p.add_argument("--warmup", type=_non_negative, default=1,
                   help="untimed rounds of the one-leecher legs before timing (default 1)")
    p.add_argument("--leechers", type=_positive, default=8, help="leechers in the many-peer case (default 8)")
    p.add_argument("--transmission", action="store_true",
                   help="also time transmission-cli as a leecher (slow: over a minute per 1 GiB here)")
    p.add_argument("--skip", default="", metavar="WORDS",
                   help="comma-separated legs to leave out, by client or kind: torrpedo, aria2, download, upload,"
                        " swarm")
    p.add_argument("--torrpedo", default=os.path.join(ROOT, "torrpedo"), metavar="COMMAND",
                   help="how to run torrpedo (default: the ./torrpedo launcher), e.g."
                        " 'java -Xmx512m -jar client-demo/target/torrpedo.jar'")
    p.add_argument("--timeout", type=_positive, default=None, metavar="SECONDS",
                   help="longest one transfer may take before the run fails (default: 60 s + 5 MB/s)")
    p.add_argument("--work", default=os.path.join(HERE, "work"),
                   help="work directory: payload cache, downloads, logs (default benchmarks/e2e/work)")
    p.add_argument("--readme", default=os.path.join(ROOT, "benchmarks", "README.md"),
                   help="file to append the record to (default benchmarks/README.md)")
    p.add_argument("--no-record", action="store_true", help="print the tables only; do not touch the README")
    args = p.parse_args(argv)
    args.skip = {w.strip() for w in args.skip.split(",") if w.strip()}
    unknown = args.skip - SKIP_WORDS
    if unknown:
        p.error("--skip %s: no such leg (expected some of: %s)" % (",".join(sorted(unknown)), ", ".join(
            sorted(SKIP_WORDS))))
    if not all_legs(args):
        p.error("--skip %s leaves no leg to run (libtorrent takes part in every leg)"
                % ",".join(sorted(args.skip)))
    args.torrpedo = [_from_root(word) for word in shlex.split(args.torrpedo)]
    return args


def _from_root(word):
    """A relative path in --torrpedo that exists under the repository root, made absolute:
    the clients run in their own directories."""
    if word.startswith("-") or os.path.isabs(word):
        return word
    path = os.path.join(ROOT, word)
    return path if os.path.exists(path) else word


def _checked(parse):
    def convert(text):
        try:
            return parse(text)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e))
    return convert


def _positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("%s (expected: >= 1)" % text)
    return value


def _non_negative(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("%s (expected: >= 0)" % text)
    return value


class Leg:
    """One thing timed each round.

    kind: 'download' (one leecher from the libtorrent seeder), 'upload' (a seeder to one
    libtorrent leecher) or 'swarm' (a seeder to N leechers at once)."""

    def __init__(self, kind, seeder, leecher):
        self.kind = kind
        self.seeder = seeder
        self.leecher = leecher
        self.id = "%s:%s>%s" % (kind, seeder, leecher)

    def words(self):
        return {self.kind, self.seeder, self.leecher}

    def torrpedo_commands(self):
        needed = set()
        if self.seeder == "torrpedo":
            needed.add("seed")
        if self.leecher == "torrpedo":
            needed.add("download")
        return needed


SKIP_WORDS = {"torrpedo", "libtorrent", "aria2", "transmission", "download", "upload", "swarm"}


def all_legs(args):
    legs = [Leg("download", "libtorrent", "torrpedo"),
            Leg("download", "libtorrent", "libtorrent"),
            Leg("download", "libtorrent", "aria2")]
    if args.transmission:
        legs.append(Leg("download", "libtorrent", "transmission"))
    legs += [Leg("upload", "torrpedo", "libtorrent"),
             Leg("swarm", "libtorrent", "libtorrent"),
             Leg("swarm", "libtorrent", "torrpedo"),
             Leg("swarm", "torrpedo", "libtorrent")]
    return [leg for leg in legs if not (leg.words() & args.skip)]


class Bench:
    def __init__(self, args):
        self.args = args
        self.children = procs.Children()
        self.legs = all_legs(args)
        self.samples = {leg.id: [] for leg in self.legs}
        self.unavailable = set()          # torrpedo commands that said "not available yet"
        self.tracker = None
        self.lt_seeder = None
        self.our_seeder = None
        self.versions = {}                # client -> version, for the record
        self.torrpedo_version = None
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        self.logs = os.path.join(args.work, "logs", stamp)
        self.run_dir = os.path.join(args.work, "run")

    # ---- setup ---------------------------------------------------------------------------

    def setup(self):
        args = self.args
        if not os.access(procs.TIME, os.X_OK):
            raise clients.Missing("/usr/bin/time is missing: apt-get install -y time")
        self.aria2c = clients.require("aria2c", "aria2") if self._uses("aria2") else None
        self.transmission = (clients.require("transmission-cli", "transmission-cli")
                             if self._uses("transmission") else None)
        self.own_address = clients.own_address() if self.transmission else None
        self.versions["python3-libtorrent"] = libtorrent.__version__
        if self.aria2c:
            self.versions["aria2"] = report.version([self.aria2c, "--version"], r"version (\S+)") or "?"
        if self.transmission:
            self.versions["transmission-cli"] = report.version([self.transmission, "--version"], r"cli (\S+)") or "?"
        os.makedirs(self.logs, exist_ok=True)
        if os.path.isdir(self.run_dir):
            shutil.rmtree(self.run_dir)
        os.makedirs(self.run_dir)
        self.java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
        if any(leg.torrpedo_commands() for leg in self.legs):
            say("checking the torrpedo command (building the jar if it is missing or stale) ...")
            line = clients.torrpedo_ready(args.torrpedo, os.path.join(self.logs, "build.log"))
            self.torrpedo_version = line.split()[-1] if line.split() else "?"
        self._check_space()
        self.payload = payload.ensure(args.work, args.size, say)
        self.timeout = args.timeout or 60 + args.size / 5e6
        self.start_load = report.load_average()
        self.lt_seeder = self._start_lt_seeder()
        if any(leg.seeder == "torrpedo" for leg in self.legs):
            self.our_seeder = self._start_our_seeder()
        self.tracker_torrents = {}
        if self._uses("aria2") or self._uses("transmission"):
            self.tracker = tracker.Tracker(procs.free_port())
            seeder_port = self.lt_seeder[1]
            for client, address in (("aria2", "127.0.0.1"), ("transmission", self.own_address)):
                if self._uses(client):
                    url = self.tracker.url(client, [(address, seeder_port)])
                    self.tracker_torrents[client] = payload.with_announce(
                        self.payload.torrent, url, os.path.join(self.run_dir, "%s.torrent" % client))

    def _uses(self, client):
        return any(client in (leg.seeder, leg.leecher) for leg in self.legs)

    def _check_space(self):
        downloads_at_once = max(self.args.leechers if leg.kind == "swarm" else 1 for leg in self.legs)
        need = (1 + downloads_at_once) * self.args.size + (1 << 30)
        free = shutil.disk_usage(os.path.dirname(self.run_dir)).free
        if free < need:
            raise Failure("%s has %.1f GiB free; this run needs %.1f GiB (payload and downloads)"
                          % (self.args.work, free / (1 << 30), need / (1 << 30)))
        available = _mem_available()
        if available and available < need:
            say("WARNING: %.1f GiB of memory available for %.1f GiB of files: the payload may leave the page cache"
                % (available / (1 << 30), need / (1 << 30)))

    def _start_lt_seeder(self):
        port = procs.free_port()
        log = os.path.join(self.logs, "seeder-libtorrent.log")
        p = self.children.start(clients.lt_seed(self.payload.torrent, self.payload.dir, port, self.own_address),
                                log, stdin=subprocess.PIPE)
        say("starting the libtorrent seeder on 127.0.0.1:%d (it checks the payload first)" % port)
        ready = procs.wait_for(lambda: p.poll() is not None or _log_has(log, "READY %d" % port),
                               time.monotonic() + self.timeout)
        if p.poll() is not None or not ready:
            raise Failure("the libtorrent seeder %s: %s (log: %s)" % (
                "exited with %d" % p.returncode if p.poll() is not None else "was not ready in time",
                clients.last_line(log), log))
        return p, port

    def _start_our_seeder(self):
        """Starts `torrpedo seed`; ready once its port accepts and it no longer says 'checking'.
        Returns (process, port), or None when seed is not available yet."""
        port = procs.free_port()
        log = os.path.join(self.logs, "seeder-torrpedo.log")
        p = self.children.start(clients.torrpedo_seed(self.args.torrpedo, self.payload.torrent, self.payload.dir,
                                                      port), log, cwd=self.run_dir, stdin=subprocess.PIPE)
        say("starting the Torrpedo seeder on 127.0.0.1:%d" % port)

        def ready():
            return p.poll() is not None or (procs.accepts(port) and not _last_state_checking(log))

        ok = procs.wait_for(ready, time.monotonic() + self.timeout, poll=0.2)
        if p.poll() is not None:
            if clients.not_available(log):
                self.unavailable.add("seed")
                say("  torrpedo seed: not available yet (%s)" % clients.last_line(log))
                self.children.stop(p)
                return None
            raise Failure("torrpedo seed exited with %d: %s (log: %s)" % (p.returncode, clients.last_line(log),
                                                                          log))
        if not ok:
            raise Failure("torrpedo seed did not accept connections on port %d within %.0f s (log: %s)"
                          % (port, self.timeout, log))
        return p, port

    # ---- running -------------------------------------------------------------------------

    def _seeder_pids(self):
        return [s[0].pid for s in (self.lt_seeder, self.our_seeder) if s and s[0].poll() is None]

    def run(self):
        started = time.monotonic()
        busy, steal = procs.machine_cpu_seconds()
        own = procs.own_cpu_seconds(self._seeder_pids())
        singles = [leg for leg in self.legs if leg.kind != "swarm"]
        for w in range(self.args.warmup):
            for leg in singles:
                self._one(leg, "warm-up %d" % (w + 1), "w%d" % (w + 1), record=False)
        for r in range(self.args.runs):
            for leg in self.legs:
                self._one(leg, "round %d/%d" % (r + 1, self.args.runs), "r%d" % (r + 1), record=True)
        self.end_load = report.load_average()
        busy_end, steal_end = procs.machine_cpu_seconds()
        available = (time.monotonic() - started) * os.cpu_count()
        self.others_cpu = max(0.0, busy_end - busy - (procs.own_cpu_seconds(self._seeder_pids()) - own))
        self.others_share = self.others_cpu / available if available else 0.0
        self.steal_share = (steal_end - steal) / available if available else 0.0

    def _one(self, leg, round_label, tag, record):
        if leg.torrpedo_commands() & self.unavailable:
            return
        try:
            sample = self._swarm(leg, tag) if leg.kind == "swarm" else self._single(leg, tag)
        except NotAvailable as e:
            self.unavailable.add(str(e))
            say("%-12s %-36s n/a: torrpedo %s is not available yet" % (round_label, leg.id, e))
            return
        line = "%-12s %-36s %7.2f s %6.0f MB/s  CPU %5.1f s  RSS %6.0f MiB  seeder CPU %5.1f s" % (
            round_label, leg.id, sample.wall,
            self.payload.size * (self.args.leechers if leg.kind == "swarm" else 1) / sample.wall / 1e6,
            sample.cpu, sample.rss_kib / 1024, sample.seeder_cpu)
        say(line + ("" if record else "  (not counted)"))
        if record:
            self.samples[leg.id].append(sample)

    def _seeder_of(self, leg):
        if leg.seeder == "libtorrent":
            p, port = self.lt_seeder
            name = "the libtorrent seeder"
        else:
            if self.our_seeder is None:
                raise NotAvailable("seed")
            p, port = self.our_seeder
            name = "torrpedo seed"
        if p.poll() is not None:
            raise Failure("%s exited with %d during the benchmark (logs: %s)" % (name, p.returncode, self.logs))
        return p, port

    def _leecher_cmd(self, leg, out_dir, port, peers, name):
        if leg.leecher == "libtorrent":
            return clients.lt_leech(self.payload.torrent, out_dir, port, peers)
        if leg.leecher == "torrpedo":
            return clients.torrpedo_download(self.args.torrpedo, self.payload.torrent, out_dir, port, peers)
        if leg.leecher == "aria2":
            return clients.aria2_leech(self.aria2c, self.tracker_torrents["aria2"], out_dir, port)
        if leg.leecher == "transmission":
            return clients.transmission_leech(self.transmission, self.tracker_torrents["transmission"], out_dir,
                                              os.path.join(self.run_dir, name + "-config"), port)
        raise AssertionError(leg.leecher)

    def _single(self, leg, tag):
        seeder, seeder_port = self._seeder_of(leg)
        name = _file_name(leg.id)
        out_dir = os.path.join(self.run_dir, name)
        os.makedirs(out_dir)
        port = procs.free_port()
        cmd = self._leecher_cmd(leg, out_dir, port, ["127.0.0.1:%d" % seeder_port], name)
        log = os.path.join(self.logs, "%s-%s.log" % (name, tag))
        cpu_before = procs.cpu_seconds(seeder.pid)
        timed = procs.Timed(self.children, cmd, log, log[:-4] + ".time", cwd=out_dir)
        measure = timed.wait(time.monotonic() + self.timeout)
        seeder_cpu = procs.cpu_seconds(seeder.pid) - cpu_before
        self._check_exit(leg, measure, log, [out_dir])
        self._verify_and_drop(out_dir, leg, log)
        return report.Sample(measure.wall, measure.cpu, measure.rss_kib, seeder_cpu)

    def _swarm(self, leg, tag):
        seeder, seeder_port = self._seeder_of(leg)
        n = self.args.leechers
        ports = []
        while len(ports) < n:
            port = procs.free_port()
            if port not in ports and port != seeder_port:
                ports.append(port)
        name = _file_name(leg.id)
        runs = []
        cpu_before = procs.cpu_seconds(seeder.pid)
        for i, port in enumerate(ports):
            out_dir = os.path.join(self.run_dir, "%s-%d" % (name, i + 1))
            os.makedirs(out_dir)
            peers = ["127.0.0.1:%d" % seeder_port] + ["127.0.0.1:%d" % q for q in ports if q != port]
            log = os.path.join(self.logs, "%s-%s-%d.log" % (name, tag, i + 1))
            cmd = self._leecher_cmd(leg, out_dir, port, peers, "%s-%d" % (name, i + 1))
            runs.append((out_dir, log, procs.Timed(self.children, cmd, log, log[:-4] + ".time", cwd=out_dir)))
        deadline = time.monotonic() + self.timeout * n
        measures = [(out_dir, log, timed, timed.wait(deadline)) for out_dir, log, timed in runs]
        seeder_cpu = procs.cpu_seconds(seeder.pid) - cpu_before
        first = runs[0][2].started
        for out_dir, log, timed, measure in measures:
            self._check_exit(leg, measure, log, [d for d, *_ in measures])
        for out_dir, log, timed, measure in measures:
            self._verify_and_drop(out_dir, leg, log)
        total = max(timed.started - first + m.wall for _, _, timed, m in measures)
        return report.Sample(total, sum(m.cpu for *_, m in measures), max(m.rss_kib for *_, m in measures),
                                 seeder_cpu)

    def _check_exit(self, leg, measure, log, out_dirs):
        """Fails unless the leecher exited 0; NotAvailable (its directories dropped) when it
        is `torrpedo download` saying so."""
        if measure is None:
            raise Failure("%s did not finish within %.0f s (log: %s)" % (leg.id, self.timeout, log))
        if measure.exit_code != 0:
            if leg.leecher == "torrpedo" and clients.not_available(log):
                for d in out_dirs:
                    shutil.rmtree(d, ignore_errors=True)
                raise NotAvailable("download")
            raise Failure("%s exited with %d: %s (log: %s)" % (leg.id, measure.exit_code,
                                                               clients.last_line(log), log))

    def _verify_and_drop(self, out_dir, leg, log):
        """Checks the download, then deletes it: its pages leave the page cache with it."""
        wrong = payload.verify(self.payload, out_dir)
        if wrong:
            raise Failure("%s: verification failed: %s (log: %s)" % (leg.id, wrong, log))
        shutil.rmtree(out_dir)

    # ---- report --------------------------------------------------------------------------

    def record(self, command):
        size = self.payload.size
        s = {leg.id: report.summarize(self.samples[leg.id]) for leg in self.legs}
        by_kind = {}
        for leg in self.legs:
            by_kind.setdefault(leg.kind, []).append(leg)

        def note(leg):
            missing = leg.torrpedo_commands() & self.unavailable
            return "n/a (`torrpedo %s` is not available yet)" % " / ".join(sorted(missing)) if missing else None

        base_id = "download:libtorrent>libtorrent"
        base = s.get(base_id)
        parts = []
        when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        parts.append("### %s: %s, median of %d" % (when, payload.size_label(size), self.args.runs))
        parts.append("```\n%s\n```" % command)
        parts.append("Machine: %s. Torrpedo at %s%s. Load average (1/5/15 min) %s before the run, %s after it"
                     " (that one counts the benchmark's own processes); processes other than the benchmark's used %.0f"
                     " CPU-seconds while it ran, %.0f%% of the machine%s. %s of the one-leecher legs, then %s."
                     " Payload: one file of %s bytes, %d pieces of 1 MiB, SHA-1 %s."
                     % (self.machine, report.git_revision(ROOT),
                        " (version %s)" % self.torrpedo_version if self.torrpedo_version else "",
                        self.start_load, self.end_load, self.others_cpu, 100 * self.others_share,
                        "; the hypervisor took %.0f%% (steal)" % (100 * self.steal_share)
                        if self.steal_share >= 0.01 else "",
                        _count(self.args.warmup, "warm-up round"), _count(self.args.runs, "interleaved round"),
                        format(size, ","), self.payload.pieces, self.payload.sha1))
        labels = {"libtorrent": "libtorrent %s" % self.versions["python3-libtorrent"],
                  "aria2": "aria2 %s" % self.versions.get("aria2", ""), "torrpedo": "Torrpedo",
                  "transmission": "Transmission %s" % self.versions.get("transmission-cli", "")}
        if "download" in by_kind:
            parts.append("One leecher downloads from the libtorrent seeder:")
            parts.append(report.download_table([(labels[leg.leecher].strip(), s[leg.id], note(leg))
                                             for leg in by_kind["download"]], size, base))
        if "upload" in by_kind:
            entries = [(labels[leg.seeder].strip(), s[leg.id], note(leg)) for leg in by_kind["upload"]]
            if base_id in s:
                entries.append(("%s (the libtorrent leecher's runs above)" % labels["libtorrent"], base, None))
            parts.append("A seeder uploads to one libtorrent leecher:")
            parts.append(report.upload_table(entries, size, base))
        if "swarm" in by_kind:
            swarm_base = s.get("swarm:libtorrent>libtorrent")
            parts.append("One seeder and %d leechers at once, every leecher told of the seeder and of the others;"
                         " time from starting the first leecher to the last one done:" % self.args.leechers)
            short = {"libtorrent": "libtorrent", "torrpedo": "Torrpedo"}
            rows = [("%s -> %s" % (short[leg.seeder], short[leg.leecher]), s[leg.id], note(leg))
                    for leg in by_kind["swarm"]]
            parts.append(report.swarm_table(rows, size, self.args.leechers, swarm_base))
        return "\n\n".join(p if p.startswith(("|", "```", "#")) else textwrap.fill(p, 90) for p in parts) + "\n"

    def close(self):
        if self.tracker:
            self.tracker.close()
        self.children.stop_all()


def _count(n, noun):
    return "%d %s%s" % (n, noun, "" if n == 1 else "s")


def _file_name(leg_id):
    return leg_id.replace(":", "-").replace(">", "-to-")


def _log_has(path, text):
    try:
        with open(path, errors="replace") as f:
            return text in f.read()
    except OSError:
        return False


def _last_state_checking(path):
    """True when the last line of a torrpedo log that names a state says 'checking'."""
    try:
        with open(path, errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return False
    for line in reversed(lines):
        lower = line.lower()
        for state in ("checking", "seeding", "downloading", "metadata"):
            if state in lower:
                return state == "checking"
    return False


def _mem_available():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def main(argv):
    args = parse_args(argv, payload.parse_size)
    command = shlex.join(["benchmarks/e2e/e2e.py"] + list(argv))
    procs.raise_on_signals()
    bench = None
    try:
        bench = Bench(args)
        bench.setup()
        bench.machine = report.machine(bench.java, bench.versions)
        bench.run()
        record = bench.record(command)
        print("\n" + record)
        if not args.no_record:
            with open(args.readme) if os.path.exists(args.readme) else _empty() as f:
                text = f.read()
            with open(args.readme, "w") as f:
                f.write(report.insert_record(text, record))
            say("recorded in %s" % os.path.relpath(args.readme))
        return 0
    except (Failure, clients.Missing) as e:
        print("%s: %s" % (PROG, e), file=sys.stderr)
        return 1
    except procs.Interrupted as e:
        print("%s: interrupted (%s); stopping every client" % (PROG, e), file=sys.stderr)
        return 130
    finally:
        if bench:
            bench.close()


class _empty:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def read(self):
        return ""


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
