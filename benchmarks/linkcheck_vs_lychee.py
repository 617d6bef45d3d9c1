"""Benchmark: this link checker against lychee over the same URLs at the same per-host politeness.

Serves pages on several loopback hosts with a fixed latency, runs both, prints both times and their ratio.
Run: .venv/bin/pip install -r benchmarks/requirements.txt && .venv/bin/python benchmarks/linkcheck_vs_lychee.py
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.linkserver import Reply, Server, html  # noqa: E402  (the tests' own loopback server)

SECTIONS = ("politika", "ekonomika", "obshchestvo", "mir", "kultura")


def _page(number: int) -> bytes:
    paragraph = "Организация Договора о коллективной безопасности провела учения. " * 60
    return html(f"Новость {number}", paragraph, extra=f"<nav>{'<a href=/x>Раздел</a>' * 200}</nav>")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--hosts", type=int, default=5)
    options.add_argument("--per-host", type=int, default=100)
    options.add_argument("--latency", type=float, default=0.05, help="seconds each answer takes")
    options.add_argument("--host-concurrency", type=int, default=2)
    options.add_argument("--host-interval", type=float, default=0.05, help="seconds between request starts")
    args = options.parse_args()
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if not lychee:
        print("lychee not found: pip install -r benchmarks/requirements.txt", file=sys.stderr)
        return 2
    servers = [Server(f"127.0.0.{number}") for number in range(1, args.hosts + 1)]
    urls = []
    for server in servers:
        server.default = Reply(404, html("Not Found"), delay=args.latency)
        for number in range(args.per_host):
            target = f"/{SECTIONS[number % len(SECTIONS)]}/{100000 + number}"
            server.routes[target] = Reply(200, _page(number), delay=args.latency)
            urls.append(server.url(target))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "docs").mkdir()
        (root / "docs" / "links.md").write_text("\n\n".join(f"- <{url}>" for url in urls), encoding="utf-8")
        interval_ms = f"{round(args.host_interval * 1000)}ms"
        runs = {
            "linkcheck": [sys.executable, "-m", "linkcheck", "check", "--root", str(root), "--ledger",
                          str(root / "links.json"), "--host-concurrency", str(args.host_concurrency),
                          "--host-interval", str(args.host_interval), "--timeout", "20"],
            "lychee": [lychee, "--no-progress", "--cache=false", "--host-concurrency", str(args.host_concurrency),
                       "--host-request-interval", interval_ms, "--timeout", "20", str(root / "docs" / "links.md")],
        }
        times = {}
        for name, command in runs.items():
            before = sum(len(server.log) for server in servers)
            start = time.perf_counter()
            done = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
            times[name] = time.perf_counter() - start
            asked = sum(len(server.log) for server in servers) - before
            print(f"{name:10} {times[name]:7.2f} s  exit {done.returncode}  {asked} requests")
            if done.returncode != 0:
                print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
    for server in servers:
        server.close()
    print(f"{len(urls)} URLs on {args.hosts} hosts, {args.latency * 1000:.0f} ms latency, "
          f"{args.host_concurrency} per host, {args.host_interval * 1000:.0f} ms between requests to a host")
    print(f"ratio linkcheck / lychee: {times['linkcheck'] / times['lychee']:.2f} (below 1 = faster than lychee)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
