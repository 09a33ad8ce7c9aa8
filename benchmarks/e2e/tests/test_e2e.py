"""Tests of the benchmark's own logic (not of the clients): run with
/usr/bin/python3 -m unittest discover -s benchmarks/e2e/tests  (under a minute)."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

sys.dont_write_bytecode = True
TESTS = os.path.dirname(os.path.abspath(__file__))
HERE = os.path.dirname(TESTS)
sys.path.insert(0, HERE)

import libtorrent as lt  # noqa: E402

from e2elib import payload, procs, report, tracker  # noqa: E402

TIME_V = """\tCommand being timed: "aria2c x"
\tUser time (seconds): 2.95
\tSystem time (seconds): 0.41
\tPercent of CPU this job got: 58%
\tElapsed (wall clock) time (h:mm:ss or m:ss): 0:05.73
\tMaximum resident set size (kbytes): 22112
\tExit status: 0
"""


class SizeTest(unittest.TestCase):
    def test_parses_binary_multiples(self):
        self.assertEqual(payload.parse_size("1G"), 1 << 30)
        self.assertEqual(payload.parse_size("256M"), 256 << 20)
        self.assertEqual(payload.parse_size("64k"), 64 << 10)
        self.assertEqual(payload.parse_size("1GiB"), 1 << 30)
        self.assertEqual(payload.parse_size("1048577"), 1048577)

    def test_rejects_nonsense(self):
        for text in ("", "0", "-1G", "1X", "1.5G", "G"):
            with self.assertRaises(ValueError, msg=text):
                payload.parse_size(text)

    def test_labels(self):
        self.assertEqual(payload.size_label(1 << 30), "1 GiB")
        self.assertEqual(payload.size_label(3 << 29), "1536 MiB")
        self.assertEqual(payload.size_label(1048577), "1048577 bytes")


class TimeTest(unittest.TestCase):
    def test_parses_gnu_time_v(self):
        m = procs.parse_time_v(TIME_V)
        self.assertEqual((m.wall, m.user, m.sys, m.rss_kib, m.exit_code), (5.73, 2.95, 0.41, 22112, 0))
        self.assertAlmostEqual(m.cpu, 3.36)

    def test_parses_hours(self):
        text = TIME_V.replace("0:05.73", "1:02:03.50")
        self.assertEqual(procs.parse_time_v(text).wall, 3723.5)

    def test_fails_on_a_missing_field(self):
        with self.assertRaises(ValueError):
            procs.parse_time_v(TIME_V.replace("Maximum resident", "Max resident"))

    def test_measures_a_real_process(self):
        children = procs.Children()
        with tempfile.TemporaryDirectory() as d:
            timed = procs.Timed(children, ["/bin/sh", "-c", "exit 3"], os.path.join(d, "log"),
                                os.path.join(d, "time"))
            m = timed.wait(time.monotonic() + 30)
        self.assertEqual(m.exit_code, 3)
        self.assertGreater(m.rss_kib, 0)

    def test_stops_a_process_at_its_deadline(self):
        children = procs.Children()
        with tempfile.TemporaryDirectory() as d:
            timed = procs.Timed(children, ["/bin/sleep", "60"], os.path.join(d, "log"), os.path.join(d, "time"))
            self.assertIsNone(timed.wait(time.monotonic() + 0.2))
        self.assertIsNotNone(timed.process.poll())


class ChildrenTest(unittest.TestCase):
    def test_stop_all_ends_the_whole_process_group(self):
        children = procs.Children()
        with tempfile.TemporaryDirectory() as d:
            pid_file = os.path.join(d, "pid")
            # The shell starts a grandchild and waits: both must go.
            p = children.start(["/bin/sh", "-c", "sleep 60 & echo $! > %s; wait" % pid_file], os.path.join(d, "log"))
            grandchild = int(procs.wait_for(lambda: _read(pid_file), time.monotonic() + 10))
            children.stop_all()
            self.assertIsNotNone(p.poll())
            self.assertTrue(procs.wait_for(lambda: not _alive(grandchild), time.monotonic() + 10))


class SummaryTest(unittest.TestCase):
    def test_medians_per_column(self):
        s = report.summarize([report.Sample(5.0, 3.0, 100, 1.0), report.Sample(4.0, 9.0, 300, 2.0),
                              report.Sample(6.0, 1.0, 200, 3.0)])
        self.assertEqual((s.runs, s.wall, s.wall_min, s.wall_max, s.cpu, s.rss_kib, s.seeder_cpu),
                         (3, 5.0, 4.0, 6.0, 3.0, 200, 2.0))
        self.assertIsNone(report.summarize([]))

    def test_ratios(self):
        self.assertEqual(report.ratio(3.0, 4.0), "0.75x")
        self.assertEqual(report.ratio(3.0, None), "-")
        self.assertEqual(report.ratio(None, 4.0), "-")

    def test_download_table_shows_na_and_ratios(self):
        base = report.summarize([report.Sample(4.0, 5.0, 1024 * 1100, 2.0)])
        aria2 = report.summarize([report.Sample(6.0, 3.0, 1024 * 22, 2.5), report.Sample(5.0, 3.0, 1024 * 22, 2.5)])
        text = report.download_table([("Torrpedo", None, "n/a (not yet)"), ("libtorrent", base, None),
                                      ("aria2", aria2, None)], 1 << 30, base)
        lines = text.splitlines()
        self.assertEqual(len(lines), 5)
        self.assertIn("| Torrpedo | n/a (not yet) | - |", lines[2])
        self.assertIn("| libtorrent | 4.00 | 268 | 5.0 | 1100 | 2.0 | 1.00x | 1.00x |", lines[3])
        self.assertIn("| aria2 | 5.50 (5.00-6.00) | 195 | 3.0 | 22 | 2.5 | 1.38x | 0.60x |", lines[4])


class RecordTest(unittest.TestCase):
    RECORD = "### run\n\n| a |\n"

    def test_makes_the_section_at_the_end(self):
        text = report.insert_record("# Benchmarks\n\n## bencode\n\nfigures\n", self.RECORD)
        self.assertEqual(text, "# Benchmarks\n\n## bencode\n\nfigures\n\n## end-to-end\n\n### run\n\n| a |\n")

    def test_appends_to_the_section_before_the_next_one(self):
        readme = "# B\n\n## end-to-end\n\nintro\n\n### old\n\nx\n\n## storage\n\ny\n"
        text = report.insert_record(readme, self.RECORD)
        self.assertEqual(text, "# B\n\n## end-to-end\n\nintro\n\n### old\n\nx\n\n### run\n\n| a |\n\n## storage\n\ny\n")

    def test_appends_to_a_last_section(self):
        text = report.insert_record("# B\n\n## end-to-end\n\nintro\n", self.RECORD)
        self.assertEqual(text, "# B\n\n## end-to-end\n\nintro\n\n### run\n\n| a |\n")

    def test_a_subsection_heading_does_not_end_the_section(self):
        readme = "## end-to-end\n\n### how\n\ntext\n"
        self.assertTrue(report.insert_record(readme, self.RECORD).endswith("text\n\n### run\n\n| a |\n"))


class TrackerTest(unittest.TestCase):
    def test_answers_each_path_with_its_peers(self):
        t = tracker.Tracker(procs.free_port())
        try:
            url = t.url("aria2", [("127.0.0.1", 6881), ("10.1.2.3", 51413)])
            other = t.url("other", [])
            reply = lt.bdecode(urllib.request.urlopen(url + "?info_hash=x&port=1&compact=1", timeout=10).read())
            self.assertEqual(reply[b"peers"], bytes([127, 0, 0, 1, 0x1A, 0xE1, 10, 1, 2, 3, 0xC8, 0xD5]))
            self.assertEqual(reply[b"interval"], 1800)
            self.assertEqual(lt.bdecode(urllib.request.urlopen(other, timeout=10).read())[b"peers"], b"")
        finally:
            t.close()

    def test_bencode_is_canonical(self):
        self.assertEqual(tracker.bencode({"b": 1, "a": [b"x", "yz"]}), b"d1:al1:x2:yze1:bi1ee")


class PayloadTest(unittest.TestCase):
    def setUp(self):
        self.work = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.work)

    def test_is_deterministic_cached_and_verified(self):
        size = 3 * payload.PIECE + 12345
        first = payload.ensure(self.work, size, lambda m: None)
        self.assertEqual(os.path.getsize(first.file), size)
        self.assertEqual(first.pieces, 4)
        self.assertEqual(lt.torrent_info(first.torrent).piece_length(), payload.PIECE)
        said = []
        again = payload.ensure(self.work, size, said.append)
        self.assertEqual(again, first)
        self.assertTrue(said[0].startswith("checking the cached payload"), said)
        # A fresh work directory makes the same bytes and the same torrent.
        other = tempfile.mkdtemp()
        try:
            self.assertEqual(payload.ensure(other, size, lambda m: None).info_hash, first.info_hash)
        finally:
            shutil.rmtree(other)

    def test_a_changed_payload_is_made_again(self):
        p = payload.ensure(self.work, payload.PIECE, lambda m: None)
        with open(p.file, "r+b") as f:
            f.write(b"x")
        said = []
        self.assertEqual(payload.ensure(self.work, payload.PIECE, said.append), p)
        self.assertIn("the cached payload changed; making it again", said)

    def test_verify_names_what_is_wrong(self):
        p = payload.ensure(self.work, payload.PIECE, lambda m: None)
        out = os.path.join(self.work, "out")
        os.makedirs(out)
        self.assertIn("is missing", payload.verify(p, out))
        shutil.copy(p.file, out)
        self.assertIsNone(payload.verify(p, out))
        with open(os.path.join(out, p.name), "r+b") as f:
            f.seek(1000)
            f.write(b"\0")
        self.assertIn("has SHA-1", payload.verify(p, out))
        with open(os.path.join(out, p.name), "ab") as f:
            f.write(b"\0")
        self.assertIn("has %d bytes" % (payload.PIECE + 1), payload.verify(p, out))

    def test_an_announce_url_keeps_the_info_hash(self):
        p = payload.ensure(self.work, payload.PIECE, lambda m: None)
        out = payload.with_announce(p.torrent, "http://127.0.0.1:1/x/announce", os.path.join(self.work, "t.torrent"))
        info = lt.torrent_info(out)
        self.assertEqual(str(info.info_hashes().v1), p.info_hash)
        self.assertEqual([t.url for t in info.trackers()], ["http://127.0.0.1:1/x/announce"])


class HarnessTest(unittest.TestCase):
    """The whole harness on a 4 MiB payload, with a stand-in for the torrpedo command."""

    def setUp(self):
        self.work = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.work)

    def e2e(self, *args, fake=None, env=None):
        cmd = [sys.executable, os.path.join(HERE, "e2e.py"), "--size", "4M", "--runs", "2", "--warmup", "0",
               "--leechers", "2", "--work", self.work] + list(args)
        if fake:
            cmd += ["--torrpedo", "%s %s --mode %s" % (sys.executable, os.path.join(TESTS, "fake_torrpedo.py"), fake)]
        if "--readme" not in args:
            cmd.append("--no-record")
        return subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)

    def assert_fails(self, out, line_start):
        self.assertEqual(out.returncode, 1, out.stdout + out.stderr)
        lines = out.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, out.stderr)
        self.assertTrue(lines[0].startswith(line_start), out.stderr)

    def test_a_working_torrpedo_gets_figures_in_every_leg(self):
        out = self.e2e("--skip", "aria2", fake="libtorrent")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        rows = [line for line in out.stdout.splitlines() if line.startswith("| Torrpedo") or "Torrpedo |" in line]
        self.assertEqual(len(rows), 4, out.stdout)      # download, upload, and two swarms
        for row in rows:
            self.assertNotIn("n/a", row)
            self.assertRegex(row, r"\| \d+\.\d\d \(\d+\.\d\d-\d+\.\d\d\) \|")
        prose = " ".join(out.stdout.split())        # the record's paragraphs are wrapped
        self.assertIn("Torrpedo at ", prose)
        self.assertIn("(version 0.0.0-fake)", prose)

    def test_commands_not_available_yet_are_na(self):
        out = self.e2e("--skip", "aria2", fake="na")
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertEqual(out.stdout.count("n/a (`torrpedo download` is not available yet)"), 2, out.stdout)
        self.assertEqual(out.stdout.count("n/a (`torrpedo seed` is not available yet)"), 2, out.stdout)
        self.assertRegex(out.stdout, r"\| libtorrent -> libtorrent \| \d")

    def test_a_wrong_download_fails_verification(self):
        out = self.e2e("--skip", "aria2,upload,swarm", fake="corrupt")
        self.assert_fails(out, "e2e: download:libtorrent>torrpedo: verification failed: ")
        self.assertIn("has SHA-1", out.stderr)

    def test_a_failing_torrpedo_fails_the_run(self):
        out = self.e2e("--skip", "aria2,upload,swarm", fake="fail")
        self.assert_fails(out, "e2e: download:libtorrent>torrpedo exited with 1: torrpedo: something went wrong")

    def test_a_missing_client_fails_the_run(self):
        out = self.e2e("--skip", "torrpedo,swarm", env=dict(os.environ, PATH="/nonexistent"))
        self.assert_fails(out, "e2e: aria2c is missing: apt-get install -y aria2")

    def test_records_under_end_to_end_and_keeps_other_sections(self):
        readme = os.path.join(self.work, "README.md")
        with open(readme, "w") as f:
            f.write("# Benchmarks\n\n## end-to-end\n\nHow it works.\n\n## storage\n\nfigures\n")
        out = self.e2e("--skip", "torrpedo,swarm", "--readme", readme)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        with open(readme) as f:
            text = f.read()
        self.assertTrue(text.startswith("# Benchmarks\n\n## end-to-end\n\nHow it works.\n\n### "), text)
        self.assertTrue(text.endswith("\n\n## storage\n\nfigures\n"), text)
        self.assertIn("benchmarks/e2e/e2e.py --size 4M --runs 2", text)
        self.assertRegex(text, r"\| aria2 1\.\d+\.\d+ \| \d")
        self.assertRegex(" ".join(text.split()), r"Load average \(1/5/15 min\) [\d.]+ [\d.]+ [\d.]+ before the run")

    def test_ctrl_c_stops_every_client(self):
        cmd = [sys.executable, os.path.join(HERE, "e2e.py"), "--size", "4M", "--runs", "50", "--warmup", "0",
               "--leechers", "2", "--work", self.work, "--no-record", "--skip", "aria2", "--torrpedo",
               "%s %s --mode libtorrent" % (sys.executable, os.path.join(TESTS, "fake_torrpedo.py"))]
        log = os.path.join(self.work, "out.log")
        with open(log, "w") as out:
            p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
            try:
                self.assertTrue(procs.wait_for(lambda: "round 2/50" in (_read(log) or ""), time.monotonic() + 120),
                                _read(log))
                self.assertTrue(_clients_of(self.work), "no client running in the middle of a round")
                p.send_signal(signal.SIGINT)
                self.assertEqual(p.wait(60), 130)
            finally:
                if p.poll() is None:
                    p.kill()
        self.assertIn("e2e: interrupted (SIGINT); stopping every client", _read(log))
        procs.wait_for(lambda: not _clients_of(self.work), time.monotonic() + 10)
        self.assertEqual(_clients_of(self.work), [])

    def test_bad_usage_exits_2_with_one_line(self):
        for args in (["--size", "0"], ["--runs", "0"], ["--skip", "qbittorrent"]):
            out = subprocess.run([sys.executable, os.path.join(HERE, "e2e.py")] + args, capture_output=True,
                                 text=True, timeout=60)
            self.assertEqual(out.returncode, 2, args)
            self.assertEqual(out.stdout, "")
            self.assertTrue(out.stderr.strip().splitlines()[-1].startswith(("benchmarks/e2e/e2e.py: error:", "e2e:")),
                            out.stderr)


def _read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def _clients_of(work):
    """Live processes whose command line names the work directory (the harness's clients)."""
    found = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open("/proc/%s/cmdline" % pid, "rb") as f:
                    if work.encode() in f.read() and _alive(int(pid)):
                        found.append(int(pid))
            except OSError:
                pass
    return found


def _alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


if __name__ == "__main__":
    unittest.main()
