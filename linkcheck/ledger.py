"""Writing the link ledger, data/links.json: each check goes to an append-only journal at once, and the
journal is folded into the ledger (one atomic rewrite) at the end of the run.

The contract — the fields, their types, reading and validating — is edition/ledger.py. A run holds the
ledger's lock (`links.json.lock`, with its pid) from `Ledger.open` to `close`; a second run refuses at
once. A run killed at any moment leaves its journal (`links.json.journal`); the next `open` replays it.
Fields this module does not know are kept as they are.
"""
from __future__ import annotations

import fcntl
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from edition import ledger as contract
from edition.datafile import DataError
from edition.ledger import CONTENT_STATUSES, STATUSES, parse_time, timestamp
from linkcheck.types import CitedUrl, Outcome, Result

# Enough history for the dead rule and for a maintainer to see a pattern; older checks are dropped.
MAX_CHECKS = 100
# The journal is written at once (a killed process loses nothing) and flushed to the disk at most this
# often (a power cut loses at most this much, which the next run checks again).
SYNC_INTERVAL = 1.0


class LedgerBusy(Exception):
    """Another run holds the ledger's lock; the message names its pid."""


@dataclass(frozen=True)
class DeadRule:
    """Dead after `strikes` broken checks in a row, each at least `spacing_days` after the one before."""

    strikes: int = 3
    spacing_days: float = 3.0


@dataclass(frozen=True)
class Change:
    """A URL's status before and after one check, and how many broken checks count towards dead."""

    before: str
    after: str
    strikes: int


def strikes(checks: list[dict], rule: DeadRule) -> int:
    """Broken checks since the last ok, counting only those spaced `spacing_days` apart.

    Blocked, transient and invalid checks neither count nor break the run: they say nothing about the page.
    """
    counted: list[datetime] = []
    for check in reversed(checks):
        if check.get("outcome") == Outcome.OK.value:
            break
        if check.get("outcome") != Outcome.BROKEN.value:
            continue
        when = parse_time(check["time"])
        if not counted or counted[-1] - when >= timedelta(days=rule.spacing_days):
            counted.append(when)
    return len(counted)


def status_after(checks: list[dict], previous: str, rule: DeadRule) -> str:
    """The status a URL has after its latest check (the last item of `checks`)."""
    if not checks:
        return previous or "unknown"
    if checks[-1].get("outcome") == Outcome.OK.value:
        return previous if previous in CONTENT_STATUSES else "live"
    if previous == "dead" or strikes(checks, rule) >= rule.strikes:
        return "dead"
    return previous if previous in STATUSES else "unknown"


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class Ledger:
    """The ledger in memory. `record` appends each check to the journal before it returns; `save`
    rewrites the ledger atomically and drops the journal. Runs use `Ledger.open` (locked, journal
    replayed) and `close`."""

    def __init__(self, path: Path | None, data: dict | None = None, rule: DeadRule = DeadRule()):
        self.path = path
        self.data = data if data is not None else contract.empty()
        self.data.setdefault("links", {})
        self.rule = rule
        self._lock = threading.Lock()  # guards `data` and `_pending`
        self._write_lock = threading.Lock()  # one writer of journal or ledger at a time
        self._pending: list[str] = []  # journal lines not yet written
        self._version = self._written = 0  # records made, records in the journal or the ledger
        self._journal: int | None = None  # the journal's file descriptor, opened at the first record
        self._synced = 0.0
        self._run_lock: int | None = None

    # ---- Opening and closing a run's ledger ----

    @classmethod
    def open(cls, path: Path, rule: DeadRule = DeadRule()) -> "Ledger":
        """Lock the ledger for this run, read and check it, and replay the journal a killed run left.

        LedgerBusy when another run holds it; DataError for a wrong field (file, line, URL, field).
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        held = _take_lock(path)
        try:
            for leftover in path.parent.glob(f".{path.name}-*.tmp"):  # a rewrite a kill interrupted
                leftover.unlink()
            data = contract.load(path)
            replayed = _replay(journal_path(path), data)
        except BaseException:
            os.close(held)
            raise
        ledger = cls(path, data, rule)
        ledger._run_lock = held
        if replayed:
            ledger.save()  # fold the killed run's checks in now, so this run's journal starts empty
        return ledger

    def close(self) -> None:
        """Fold the journal into the ledger (if anything was recorded) and let the next run in."""
        try:
            if self._version > 0 or self._journal is not None:
                self.save()
        finally:
            if self._run_lock is not None:
                os.close(self._run_lock)
                self._run_lock = None

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- Reading ----

    @property
    def links(self) -> dict[str, dict]:
        return self.data["links"]

    def status(self, url: str) -> str:
        return self.links.get(url, {}).get("status", "unknown")

    def is_fresh(self, url: str, now: datetime, recheck_days: float) -> bool:
        """Checked ok within `recheck_days`: a run may skip it (unless forced)."""
        checks = self.links.get(url, {}).get("checks") or []
        if not checks or checks[-1].get("outcome") != Outcome.OK.value:
            return False
        return now - parse_time(checks[-1]["time"]) < timedelta(days=recheck_days)

    # ---- Writing ----

    def record(self, cited: CitedUrl, result: Result, now: datetime) -> Change:
        """Add one check to the URL's history, update its status; return once it is in the journal."""
        with self._lock:
            entry = self.links.setdefault(cited.url, {})
            if cited.first_cited and (not entry.get("first_cited") or cited.first_cited < entry["first_cited"]):
                entry["first_cited"] = cited.first_cited
            check = _check_record(result, now)
            entry.setdefault("checks", []).append(check)
            del entry["checks"][:-MAX_CHECKS]
            before = entry.get("status", "unknown")
            after = status_after(entry["checks"], before, self.rule)
            if after != before or "status_since" not in entry:
                entry["status_since"] = timestamp(now)
            entry["status"] = after
            change = Change(before, after, strikes(entry["checks"], self.rule))
            line = {"url": cited.url, "check": check, "status": after, "status_since": entry["status_since"]}
            if "first_cited" in entry:
                line["first_cited"] = entry["first_cited"]
            self._pending.append(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            self._version += 1
            mine = self._version
        self._write_including(mine)
        return change

    def _write_including(self, version: int) -> None:
        """Group commit: lines that arrive while one write runs are appended together by the next."""
        if self.path is None:
            return
        with self._write_lock:
            if self._written >= version:
                return
            with self._lock:
                lines, self._pending = self._pending, []
                upto = self._version
            if self._journal is None:
                self._journal = os.open(journal_path(self.path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            _write_all(self._journal, "".join(lines).encode("utf-8"))
            if time.monotonic() - self._synced >= SYNC_INTERVAL:
                os.fsync(self._journal)
                self._synced = time.monotonic()
            self._written = upto

    def save(self) -> None:
        """Rewrite the ledger atomically (temporary file, fsync, rename), then drop the journal it holds."""
        if self.path is None:
            return
        with self._write_lock:
            with self._lock:
                text = json.dumps(self.data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
                self._pending = []
                upto = self._version
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    file.write(text)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            # Killed right here, the next run replays a journal the ledger already holds: replay skips those.
            if self._journal is not None:
                os.close(self._journal)
                self._journal = None
            journal_path(self.path).unlink(missing_ok=True)
            self._written = upto


# ---- The journal ----

def _replay(path: Path, data: dict) -> int:
    """Apply a killed run's journal to the ledger's data; return how many lines it had.

    A last line without its newline was cut off by the kill before `record` returned: it is dropped.
    Lines the ledger already holds (killed between the rewrite and the journal's removal) are skipped.
    """
    if not path.exists():
        return 0
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = text.split("\n")[:-1]  # the part after the last newline is incomplete (or empty)
    links = data["links"]
    for number, raw in enumerate(lines, start=1):
        try:
            line = json.loads(raw)
            url, check = line["url"], line["check"]
        except (ValueError, KeyError, TypeError):
            raise DataError(path, number, "not a journal line", '{"url", "check", "status", "status_since"}') from None
        problem = contract.entry_problem({key: line[key] for key in ("first_cited", "status", "status_since")
                                          if key in line} | {"checks": [check]})
        if problem:
            raise DataError(path, number, f"{url}: {problem[1]}", problem[2])
        entry = links.setdefault(url, {})
        if check not in entry.setdefault("checks", []):
            entry["checks"].append(check)
            del entry["checks"][:-MAX_CHECKS]
        for key in ("first_cited", "status", "status_since"):
            if key in line:
                entry[key] = line[key]
    return len(lines)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


# ---- The lock ----

def _take_lock(path: Path) -> int:
    """Hold the ledger's lock file (fcntl.flock, released by the system when the process ends, even on
    kill -9) and write our pid into it; LedgerBusy, with the holder's pid, when another run has it."""
    descriptor = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _holder(descriptor)
        os.close(descriptor)
        raise LedgerBusy(f"{path} is in use by another linkcheck run (pid {holder}); "
                         "try again when it has finished") from None
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
    return descriptor


def _holder(descriptor: int) -> str:
    """The pid the lock's holder wrote (it may take a moment after the lock is taken)."""
    for _ in range(20):
        pid = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
        if pid:
            return pid
        time.sleep(0.01)
    return "unknown"


def _check_record(result: Result, now: datetime) -> dict:
    record = {
        "time": timestamp(now),
        "outcome": result.outcome.value,
        "http_status": result.http_status,
        "final_url": result.final_url,
        "redirects": [{"url": hop.url, "status": hop.status} for hop in result.redirects],
        "reason": result.reason,
    }
    if result.suggestion:
        record["suggestion"] = result.suggestion
    if result.missing_fragment:
        record["missing_fragment"] = result.missing_fragment
    if result.warnings:
        record["warnings"] = list(result.warnings)
    return record
