"""Medians, the result tables, the machine description and the README record."""
import os
import platform
import re
import statistics
import subprocess
from dataclasses import dataclass

SECTION = "## end-to-end"
NA = "n/a"


@dataclass
class Sample:
    """One timed transfer. For a swarm: wall is the total, cpu the leechers' sum, rss their maximum."""
    wall: float
    cpu: float
    rss_kib: int
    seeder_cpu: float


@dataclass
class Summary:
    runs: int
    wall: float
    wall_min: float
    wall_max: float
    cpu: float
    rss_kib: float
    seeder_cpu: float


def summarize(samples):
    """Medians of each column separately; None when there is no sample."""
    if not samples:
        return None
    walls = [s.wall for s in samples]
    return Summary(runs=len(samples), wall=statistics.median(walls), wall_min=min(walls), wall_max=max(walls),
                   cpu=statistics.median(s.cpu for s in samples), rss_kib=statistics.median(s.rss_kib for s in samples),
                   seeder_cpu=statistics.median(s.seeder_cpu for s in samples))


def ratio(value, base):
    if value is None or base is None or base == 0:
        return "-"
    return "%.2fx" % (value / base)


def _wall(s):
    if s.runs == 1:
        return "%.2f" % s.wall
    return "%.2f (%.2f-%.2f)" % (s.wall, s.wall_min, s.wall_max)


def _mbps(nbytes, seconds):
    return "%.0f" % (nbytes / seconds / 1e6) if seconds > 0 else "-"


def _mib(kib):
    return "%.0f" % (kib / 1024)


def table(header, rows):
    """A markdown table: header is a list of column names, rows lists of cells."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def download_table(entries, nbytes, base):
    """entries: [(label, Summary or None, note)]; base: the libtorrent leecher's Summary."""
    header = ["leecher", "wall s, median (min-max)", "MB/s", "leecher CPU s", "peak RSS MiB", "seeder CPU s",
              "time vs libtorrent", "CPU vs libtorrent"]
    rows = []
    for label, s, note in entries:
        if s is None:
            rows.append([label, note or NA] + ["-"] * (len(header) - 2))
            continue
        rows.append([label, _wall(s), _mbps(nbytes, s.wall), "%.1f" % s.cpu, _mib(s.rss_kib), "%.1f" % s.seeder_cpu,
                     ratio(s.wall, base and base.wall), ratio(s.cpu, base and base.cpu)])
    return table(header, rows)


def upload_table(entries, nbytes, base):
    header = ["seeder", "leecher wall s, median (min-max)", "MB/s", "seeder CPU s", "leecher CPU s",
              "time vs libtorrent", "seeder CPU vs libtorrent"]
    rows = []
    for label, s, note in entries:
        if s is None:
            rows.append([label, note or NA] + ["-"] * (len(header) - 2))
            continue
        rows.append([label, _wall(s), _mbps(nbytes, s.wall), "%.1f" % s.seeder_cpu, "%.1f" % s.cpu,
                     ratio(s.wall, base and base.wall), ratio(s.seeder_cpu, base and base.seeder_cpu)])
    return table(header, rows)


def swarm_table(entries, nbytes, leechers, base):
    header = ["seeder -> %d leechers" % leechers, "total wall s, median (min-max)", "MB/s delivered",
              "leechers' CPU s (sum)", "peak RSS MiB (largest leecher)", "seeder CPU s", "time vs libtorrent"]
    rows = []
    for label, s, note in entries:
        if s is None:
            rows.append([label, note or NA] + ["-"] * (len(header) - 2))
            continue
        rows.append([label, _wall(s), _mbps(nbytes * leechers, s.wall), "%.1f" % s.cpu, _mib(s.rss_kib),
                     "%.1f" % s.seeder_cpu, ratio(s.wall, base and base.wall)])
    return table(header, rows)


def _first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (out.stdout or "") + (out.stderr or "")
    return text.strip().splitlines()[0].strip() if text.strip() else None


def java_version(java):
    line = _first_line([java, "-version"])
    m = line and re.search(r'version "([^"]+)"', line)
    vendor = line.split()[0] if line else "java"
    return "%s %s" % ("OpenJDK" if vendor == "openjdk" else vendor, m.group(1)) if m else (line or "no java")


def version(cmd, pattern):
    """The first match of pattern's group 1 in the first line `cmd` prints, or None."""
    line = _first_line(cmd)
    m = line and re.search(pattern, line)
    return m.group(1) if m else None


def machine(java, versions):
    """One sentence of facts about this machine, the JDK and the clients' versions
    (versions: client name -> version)."""
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    parts = ["%d CPUs (%s)" % (os.cpu_count(), model), "%.1f GiB RAM" % (mem_kib / (1 << 20)),
             "Linux %s" % platform.release(), java_version(java)]
    parts += ["%s %s" % (name, v) for name, v in versions.items()]
    return ", ".join(parts)


def git_revision(root):
    rev = _first_line(["git", "-C", root, "rev-parse", "--short", "HEAD"])
    if rev is None:
        return "unknown revision"
    # The README the record goes into does not count: the benchmark itself writes it.
    dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no", "--", ".",
                            ":(exclude)benchmarks/README.md"], capture_output=True, text=True).stdout.strip()
    return rev + (" (with uncommitted changes)" if dirty else "")


def load_average():
    return "%.2f %.2f %.2f" % os.getloadavg()


def insert_record(readme_text, record):
    """readme_text with `record` appended at the end of the end-to-end section (made if missing)."""
    text = readme_text if readme_text.endswith("\n") or not readme_text else readme_text + "\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    body = record.strip("\n") + "\n"
    if start is None:
        return text + ("\n" if text else "") + SECTION + "\n\n" + body
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    before = "".join(lines[:end]).rstrip("\n") + "\n\n"
    after = "".join(lines[end:])
    return before + body + ("\n" + after if after else "")
