"""The link ledger, data/links.json: every cited URL's checks and its status (live, dead, …).

Contract: /work/wt/_spec/link-ledger.md. Fields this module does not know are kept as they are.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from edition.datafile import DataError
from linkcheck.types import CitedUrl, Outcome, Result

VERSION = 1
STATUSES = ("live", "dead", "deviated", "usurped", "unknown")
# Statuses another helper sets from content, which an ok check leaves in place.
CONTENT_STATUSES = ("deviated", "usurped")
# How an entry's archived copy was found (linkcheck/wayback.py): three look-ups, or a new capture.
FOUND_BY = ("availability", "cdx", "redirect", "save")
# Enough history for the dead rule and for a maintainer to see a pattern; older checks are dropped.
MAX_CHECKS = 100


class LedgerError(Exception):
    """The ledger file cannot be read; the message names the file and the problem."""


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


def timestamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


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


class Ledger:
    """The ledger in memory; `record` saves it at once, so an interrupted run loses nothing."""

    def __init__(self, path: Path | None, data: dict | None = None, rule: DeadRule = DeadRule()):
        self.path = path
        self.data = data if data is not None else {"version": VERSION, "links": {}}
        self.data.setdefault("links", {})
        self.rule = rule
        self._lock = threading.Lock()  # guards `data`
        self._save_lock = threading.Lock()  # one writer at a time
        self._version = self._saved = 0  # records made, records on disk

    @classmethod
    def load(cls, path: Path, rule: DeadRule = DeadRule()) -> "Ledger":
        """Read the ledger; a missing file is an empty ledger."""
        if not path.exists():
            return cls(path, rule=rule)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise LedgerError(f"{path}: not a valid ledger ({error})") from None
        if not isinstance(data, dict) or not isinstance(data.get("links", {}), dict):
            raise LedgerError(f"{path}: not a valid ledger (expected {{'version': 1, 'links': {{…}}}})")
        if data.get("version", VERSION) != VERSION:
            raise LedgerError(f"{path}: ledger version {data.get('version')!r}; this checker reads version {VERSION}")
        return cls(path, data, rule)

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

    def record(self, cited: CitedUrl, result: Result, now: datetime) -> Change:
        """Add one check to the URL's history, update its status; return once it is saved on disk."""
        with self._lock:
            entry = self.links.setdefault(cited.url, {})
            if cited.first_cited and (not entry.get("first_cited") or cited.first_cited < entry["first_cited"]):
                entry["first_cited"] = cited.first_cited
            entry.setdefault("checks", []).append(_check_record(result, now))
            del entry["checks"][:-MAX_CHECKS]
            before = entry.get("status", "unknown")
            after = status_after(entry["checks"], before, self.rule)
            if after != before or "status_since" not in entry:
                entry["status_since"] = timestamp(now)
            entry["status"] = after
            change = Change(before, after, strikes(entry["checks"], self.rule))
            self._version += 1
            mine = self._version
        self._save_including(mine)
        return change

    def _save_including(self, version: int) -> None:
        """Group commit: results that arrive while one save runs are written together by the next."""
        with self._save_lock:
            if self._saved < version:
                self.save()

    def save(self) -> None:
        """Write atomically: a temporary file in the same folder, fsync, then rename over the ledger."""
        if self.path is None:
            return
        with self._lock:
            text = json.dumps(self.data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
            version = self._version
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".links-", suffix=".json", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
            self._saved = max(self._saved, version)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def check_file(path: Path) -> None:
    """Validate the ledger for `make check` (a bad merge, a hand edit); a missing ledger is fine."""
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(path, error.lineno, f"not valid JSON ({error.msg})", "the JSON the link checker writes") from None
    if not isinstance(data, dict) or not isinstance(data.get("links"), dict) or data.get("version") != VERSION:
        raise DataError(path, 1, "not a link ledger", '{"version": 1, "links": {URL: {…}}}')
    outcomes = [outcome.value for outcome in Outcome]
    for url, entry in data["links"].items():
        line = text[: text.find(json.dumps(url, ensure_ascii=False))].count("\n") + 1
        if not isinstance(entry, dict):
            raise DataError(path, line, f"{url}: the entry is not an object", "an object with first_cited, status, checks")
        if entry.get("status", "unknown") not in STATUSES:
            raise DataError(path, line, f"{url}: status {entry.get('status')!r}", ", ".join(STATUSES))
        for check in entry.get("checks", []):
            if not isinstance(check, dict) or check.get("outcome") not in outcomes:
                raise DataError(path, line, f"{url}: a check with outcome {check.get('outcome') if isinstance(check, dict) else check!r}",
                                ", ".join(outcomes))
            try:
                parse_time(check.get("time", ""))
            except (TypeError, ValueError):
                raise DataError(path, line, f"{url}: a check with time {check.get('time')!r}",
                                "UTC times such as 2026-11-25T10:00:00Z") from None
        _check_archive_fields(path, line, url, entry)


def _check_archive_fields(path: Path, line: int, url: str, entry: dict) -> None:
    """The fields the archive adds: a copy with a 14-digit timestamp and how it was found; a similarity 0–1."""
    archive = entry.get("archive")
    if archive is not None and (not isinstance(archive, dict) or not isinstance(archive.get("url"), str)
                                or not re.fullmatch(r"\d{14}", str(archive.get("timestamp", "")))
                                or archive.get("found_by") not in FOUND_BY):
        raise DataError(path, line, f"{url}: archive {archive!r}",
                        'url, a 14-digit timestamp and found_by: ' + ", ".join(FOUND_BY))
    similarity = entry.get("similarity")
    if similarity is not None and (not isinstance(similarity, (int, float)) or not 0 <= similarity <= 1):
        raise DataError(path, line, f"{url}: similarity {similarity!r}", "a number from 0 to 1")


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
