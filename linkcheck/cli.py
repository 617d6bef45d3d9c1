"""The command line: `linkcheck check [PATH ...]` checks cited URLs, updates the ledger, writes reports;
`linkcheck archive` finds or makes an archived copy of every ledger link and fingerprints live pages.

Exit codes: 0 no dead link, 1 dead links, 2 an error (usage, configuration, a broken or busy ledger, or the
checker's own failure): `make linkcheck` goes on to the archive after 1 and stops after 2.
"""
from __future__ import annotations

import argparse
import json
import sys
import threading
import traceback
from pathlib import Path

from edition.datafile import DataError
from linkcheck import report
from linkcheck.check import Checker, Settings
from linkcheck.collect import collect
from linkcheck.ledger import DeadRule, Ledger, LedgerBusy
from linkcheck.ratelimit import Politeness
from linkcheck.runner import run
from linkcheck.types import Checked
from linkcheck.wayback import Credentials, Endpoints, Wayback

OK, DEAD, ERROR = 0, 1, 2


def _positive(kind):
    def parse(text: str):
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text!r} is negative")
        return value
    return parse


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="linkcheck", description="Check the URLs the edition cites.")
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check cited URLs (all the site cites, or those in PATHs)")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="Markdown/YAML files or folders")
    check.add_argument("--root", type=Path, default=Path("."), help="the project root (default: .)")
    check.add_argument("--json", type=Path, metavar="FILE", help="write the JSON report here")
    check.add_argument("--markdown", type=Path, metavar="FILE", help="write the Markdown report here")
    check.add_argument("--junit", type=Path, metavar="FILE", help="write a JUnit XML report here")
    check.add_argument("--ledger", type=Path, metavar="FILE", help="the link ledger (default: ROOT/data/links.json)")
    check.add_argument("--timeout", type=_positive(float), default=20.0, metavar="SECONDS")
    check.add_argument("--host-concurrency", type=_positive(int), default=2, metavar="N")
    check.add_argument("--host-interval", type=_positive(float), default=1.0, metavar="SECONDS")
    check.add_argument("--max-concurrency", type=_positive(int), default=64, metavar="N")
    check.add_argument("--retries", type=_positive(int), default=2, metavar="N")
    check.add_argument("--backoff", type=_positive(float), default=2.0, metavar="SECONDS")
    check.add_argument("--final-pass-delay", type=_positive(float), default=30.0, metavar="SECONDS")
    check.add_argument("--recheck-days", type=_positive(float), default=7.0, metavar="DAYS",
                       help="skip links checked ok less than DAYS ago (default 7)")
    check.add_argument("--dead-after", type=_positive(int), default=3, metavar="N",
                       help="broken checks in a row that make a link dead (default 3)")
    check.add_argument("--dead-spacing-days", type=_positive(float), default=3.0, metavar="DAYS",
                       help="minimum days between two counted broken checks (default 3)")
    check.add_argument("--force", action="store_true", help="check links checked ok recently too")
    keep = commands.add_parser("archive", help="find or make an archived copy of every ledger link; fingerprint live pages")
    keep.add_argument("--root", type=Path, default=Path("."), help="the project root (default: .)")
    keep.add_argument("--ledger", type=Path, metavar="FILE", help="the link ledger (default: ROOT/data/links.json)")
    keep.add_argument("--report", type=Path, metavar="FILE",
                      help="append the archive section to this Markdown report (the check's)")
    keep.add_argument("--check-json", type=Path, metavar="FILE", help="the check's JSON report: new dead links need action")
    keep.add_argument("--needs-action", type=Path, metavar="FILE",
                      help="create FILE when something needs action, remove it otherwise (for the tracking issue)")
    keep.add_argument("--warc", type=Path, metavar="DIR", help="also keep each live response in a WARC file in DIR")
    keep.add_argument("--no-save", action="store_true", help="look up existing copies only; no Save Page Now")
    return main


def main(argv: list[str] | None = None) -> int:
    options = parser().parse_args(argv)
    try:
        return _archive(options) if options.command == "archive" else _check(options)
    except Exception:  # a crash is an error (2), never "dead links" (1, which lets make go on to the archive)
        traceback.print_exc()
        return ERROR


def _check(options) -> int:
    if options.host_concurrency < 1 or options.max_concurrency < 1 or options.dead_after < 1:
        print("linkcheck: --host-concurrency, --max-concurrency and --dead-after must be at least 1", file=sys.stderr)
        return ERROR
    root = options.root.resolve()
    try:
        cited = collect(root, [path.resolve() for path in options.paths] or None)
        ledger = Ledger.open(options.ledger or root / "data" / "links.json",
                             DeadRule(options.dead_after, options.dead_spacing_days))
    except (DataError, LedgerBusy, FileNotFoundError) as error:
        print(f"linkcheck: {error}", file=sys.stderr)
        return ERROR
    settings = Settings(timeout=options.timeout, retries=options.retries, backoff=options.backoff,
                        final_pass_delay=options.final_pass_delay,
                        politeness=Politeness(options.host_concurrency, options.host_interval, options.max_concurrency))
    progress = _Progress(len(cited))
    with ledger:  # the journal is folded into the ledger, and the lock let go, however the run ends
        done = run(cited, Checker(settings), ledger, force=options.force, recheck_days=options.recheck_days,
                   on_checked=progress.update)
    progress.close()
    for path, render in ((options.json, report.to_json), (options.markdown, report.to_markdown),
                         (options.junit, report.to_junit)):
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(done), encoding="utf-8")
    counts = report.summary(done)
    print(f"{len(cited)} cited URLs: {counts['checked']} checked, {counts['skipped']} skipped, {counts['ok']} ok, {counts['broken']} broken, "
          f"{counts['blocked']} blocked, {counts['transient']} transient, {counts['invalid']} invalid; "
          f"{counts['dead']} dead.")
    for item in done.dead:
        print(f"dead: {item.result.url} — {item.result.reason}")
    return DEAD if done.dead else OK


def _archive(options) -> int:
    """Copies for every link in the ledger (wayback, drift, warc: see linkcheck/archive.py)."""
    # Imported here: a check needs neither the archive's HTML parser nor its WARC writer (a faster start).
    from linkcheck import archive
    root = options.root.resolve()
    try:
        check = json.loads(options.check_json.read_text(encoding="utf-8")) if options.check_json else None
        ledger = Ledger.open(options.ledger or root / "data" / "links.json")
    except (DataError, LedgerBusy, OSError, ValueError) as error:
        print(f"linkcheck: {error}", file=sys.stderr)
        return ERROR
    # The keys stay inside Credentials: never printed, logged, or written anywhere.
    client = Wayback(Endpoints.from_env(), Credentials.from_env())
    with ledger:
        section, archive_needs = archive.run(ledger.links, client, save=not options.no_save, warc_dir=options.warc)
        ledger.save()
    if options.report:
        options.report.parent.mkdir(parents=True, exist_ok=True)
        earlier = options.report.read_text(encoding="utf-8") if options.report.exists() else ""
        options.report.write_text(earlier + ("\n" if earlier else "") + section + "\n", encoding="utf-8")
    flag = archive.needs_action(check, archive_needs)
    if options.needs_action:
        if flag:
            options.needs_action.parent.mkdir(parents=True, exist_ok=True)
            options.needs_action.write_text("see the report\n", encoding="utf-8")
        else:
            options.needs_action.unlink(missing_ok=True)
    copies = sum(1 for entry in ledger.links.values() if entry.get("archive"))
    print(f"{copies} of {len(ledger.links)} links have an archived copy; "
          f"{'something needs action' if flag else 'nothing needs action'}.")
    return OK


class _Progress:
    """A one-line bar on a terminal; one plain line per checked URL otherwise (CI logs)."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.count, self.stream = total, 0, stream
        self.bar = stream.isatty()
        self._lock = threading.Lock()  # results arrive from the checker's worker threads

    def update(self, item: Checked) -> None:
        with self._lock:
            self._show(item)

    def _show(self, item: Checked) -> None:
        self.count += 1
        if self.bar:
            filled = int(30 * self.count / max(self.total, 1))
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total} checked")
        else:
            self.stream.write(f"{item.result.outcome.value:9} {item.result.url} ({item.result.reason})\n")
        self.stream.flush()

    def close(self) -> None:
        if self.bar and self.count:
            self.stream.write("\n")
