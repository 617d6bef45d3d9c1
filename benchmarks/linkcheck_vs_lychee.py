"""Benchmark: this link checker against lychee over the same URLs at the same per-host politeness.

Serves 13 KB pages on loopback hosts with a fixed latency, runs both tools in turn on the same URLs, and
prints for each setting: wall time (median of --repeat runs), the network bound, the ratio against
lychee, CPU time per URL, peak memory, and for this checker the bytes it wrote to files against the size
of the ledger it leaves.
Run: .venv/bin/pip install -r benchmarks/requirements.txt && .venv/bin/python benchmarks/linkcheck_vs_lychee.py
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.linkserver import Reply, Server, html  # noqa: E402  (the tests' own loopback server)

SECTIONS = ("politika", "ekonomika", "obshchestvo", "mir", "kultura")
LATENCY = 0.05
TIME = "/usr/bin/time"  # GNU time (Debian/Ubuntu package `time`); the benchmark needs Linux (/proc/self/io)


@dataclass(frozen=True)
class Setting:
    hosts: int
    host_concurrency: int
    host_interval: float  # seconds between two request starts to one host
    urls: int

    def label(self) -> str:
        apart = f"{self.host_interval * 1000:.0f} ms apart" if self.host_interval else "no interval"
        return f"{self.urls} URLs, {self.hosts} host{'s' * (self.hosts > 1)}, {self.host_concurrency} in flight, {apart}"

    def bound(self) -> float:
        """The network bound: per host, one request start every max(latency / in flight, interval)."""
        return self.urls / self.hosts * max(LATENCY / self.host_concurrency, self.host_interval)


# Every setting the README reports: the defaults' politeness, faster intervals, and one host as fast as it goes.
SUITE = (
    Setting(5, 2, 0.05, 500), Setting(5, 2, 0.2, 500), Setting(5, 2, 1.0, 500), Setting(1, 4, 0.0, 500),
    Setting(5, 2, 0.05, 5000), Setting(1, 4, 0.0, 5000),
)

# Runs the checker in this process and reports the bytes it passed to write() (Linux /proc/self/io).
CHECKER = """
import os, sys
from linkcheck.cli import main
code = main(sys.argv[1:])
wchar = [line for line in open("/proc/self/io") if line.startswith("wchar:")][0].split()[1]
open(os.environ["BENCH_WCHAR"], "w").write(wchar)
sys.exit(code)
"""


@dataclass(frozen=True)
class Measured:
    wall: float
    cpu: float  # user + system seconds
    peak_kib: int  # maximum resident set size
    exit: int
    requests: int
    written: int | None = None  # bytes written to files (not counting what went to stdout and stderr)
    ledger: int | None = None  # size of the ledger it leaves


def _page(number: int) -> bytes:
    paragraph = "Организация Договора о коллективной безопасности провела учения. " * 60
    return html(f"Новость {number}", paragraph, extra=f"<nav>{'<a href=/x>Раздел</a>' * 200}</nav>")


def _run(command: list[str], folder: Path, servers: list[Server],
         env: dict | None = None) -> tuple[Measured, int, str]:
    """Run a command to its end: its measures, the bytes it printed, and the end of its output.

    GNU time measures CPU time and peak memory: a child spawned from this process would count the
    benchmark's own memory (its servers and pages) in its peak, since that is shared until exec.
    """
    before = sum(len(server.log) for server in servers)
    out, err, usage = folder / "stdout", folder / "stderr", folder / "usage"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        pid = os.posix_spawn(TIME, [TIME, "-f", "%U %S %M", "-o", str(usage), *command],
                             {**os.environ, **(env or {})},
                             file_actions=[(os.POSIX_SPAWN_DUP2, stdout.fileno(), 1),
                                           (os.POSIX_SPAWN_DUP2, stderr.fileno(), 2)])
        _, status = os.waitpid(pid, 0)
        wall = time.perf_counter() - start
    asked = sum(len(server.log) for server in servers) - before
    printed = out.stat().st_size + err.stat().st_size
    user, system, peak = usage.read_text().split()[-3:]
    measured = Measured(wall, float(user) + float(system), int(peak), os.waitstatus_to_exitcode(status), asked)
    tail = out.read_text(errors="replace")[-1500:] + err.read_text(errors="replace")[-1500:]
    return measured, printed, tail


def measure(setting: Setting, lychee: str, repeat: int) -> dict[str, list[Measured]]:
    servers = [Server(f"127.0.0.{number}") for number in range(1, setting.hosts + 1)]
    for server in servers:
        # Like nginx (tcp_nodelay on): without it, Python's server sends headers and body in two writes and
        # every answer on a kept-alive connection waits 40 ms for a delayed ACK, a cost of the server alone.
        server.httpd.RequestHandlerClass.disable_nagle_algorithm = True
    urls = []
    for server in servers:
        server.default = Reply(404, html("Not Found"), delay=LATENCY)
        for number in range(setting.urls // setting.hosts):
            target = f"/{SECTIONS[number % len(SECTIONS)]}/{100000 + number}"
            server.routes[target] = Reply(200, _page(number), delay=LATENCY)
            urls.append(server.url(target))
    results: dict[str, list[Measured]] = {"linkcheck": [], "lychee": []}
    try:
        with tempfile.TemporaryDirectory() as name:
            root = Path(name)
            (root / "docs").mkdir()
            (root / "docs" / "links.md").write_text("\n\n".join(f"- <{url}>" for url in urls), encoding="utf-8")
            for attempt in range(repeat):
                for tool in ("linkcheck", "lychee") if attempt % 2 == 0 else ("lychee", "linkcheck"):
                    results[tool].append(_once(tool, setting, root, servers, lychee))
    finally:
        for server in servers:
            server.close()
    return results


def _once(tool: str, setting: Setting, root: Path, servers: list[Server], lychee: str) -> Measured:
    if tool == "lychee":
        command = [lychee, "--no-progress", "--cache=false", "--host-concurrency", str(setting.host_concurrency),
                   "--host-request-interval", f"{round(setting.host_interval * 1000)}ms", "--timeout", "20",
                   str(root / "docs" / "links.md")]
        measured, _, tail = _run(command, root, servers)
        if measured.exit:
            print(tail, file=sys.stderr)
        return measured
    ledger = root / "links.json"
    ledger.unlink(missing_ok=True)
    command = [sys.executable, "-c", CHECKER, "check", "--root", str(root), "--ledger", str(ledger),
               "--host-concurrency", str(setting.host_concurrency), "--host-interval", str(setting.host_interval),
               "--timeout", "20"]
    wchar = root / "wchar"
    measured, printed, tail = _run(command, root, servers, {"BENCH_WCHAR": str(wchar), "PYTHONPATH": str(PROJECT)})
    if measured.exit:
        print(tail, file=sys.stderr)
        return measured
    written = int(wchar.read_text()) - printed
    return Measured(**{**measured.__dict__, "written": written, "ledger": ledger.stat().st_size})


def report(setting: Setting, results: dict[str, list[Measured]]) -> None:
    def median(tool: str, field: str) -> float:
        return statistics.median(getattr(item, field) for item in results[tool])

    mine, theirs = median("linkcheck", "wall"), median("lychee", "wall")
    print(f"\n{setting.label()} — network bound {setting.bound():.2f} s, median of {len(results['lychee'])}")
    for tool in ("linkcheck", "lychee"):
        last = results[tool][-1]
        line = (f"  {tool:9} {median(tool, 'wall'):7.2f} s ({median(tool, 'wall') / setting.bound():.2f}× bound)  "
                f"CPU {median(tool, 'cpu') / setting.urls * 1000:5.2f} ms/URL  peak {median(tool, 'peak_kib') / 1024:6.1f} MiB  "
                f"{last.requests} requests  exit {last.exit}")
        if last.written is not None:
            line += (f"  wrote {median(tool, 'written') / 1e6:.2f} MB for a {last.ledger / 1e6:.2f} MB ledger "
                     f"({median(tool, 'written') / last.ledger:.1f}×)")
        print(line)
    print(f"  ratio linkcheck / lychee: {mine / theirs:.2f} (below 1 = faster than lychee)")
    sys.stdout.flush()


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--hosts", type=int, help="one setting only: this many hosts …")
    options.add_argument("--urls", type=int, default=500, help="… this many URLs (default 500) …")
    options.add_argument("--host-concurrency", type=int, default=2, help="… requests in flight per host …")
    options.add_argument("--host-interval", type=float, default=0.05, help="… seconds between request starts")
    options.add_argument("--repeat", type=int, default=3, help="runs of each tool per setting, alternating (default 3)")
    options.add_argument("--quick", action="store_true", help="the suite without the settings of a minute or more")
    args = options.parse_args()
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if not lychee:
        print("lychee not found: pip install -r benchmarks/requirements.txt", file=sys.stderr)
        return 2
    if not os.access(TIME, os.X_OK):
        print(f"{TIME} (GNU time) not found: apt-get install time", file=sys.stderr)
        return 2
    if args.hosts:
        suite = (Setting(args.hosts, args.host_concurrency, args.host_interval, args.urls),)
    else:
        suite = tuple(setting for setting in SUITE if not (args.quick and setting.bound() >= 50))
    print(f"{LATENCY * 1000:.0f} ms latency per answer, 13 KB pages; lychee {lychee}")
    for setting in suite:
        # The slow settings once: their time is set by the interval, and each run takes minutes.
        repeat = 1 if setting.bound() >= 50 else args.repeat
        report(setting, measure(setting, lychee, repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
