"""The link ledger's contract (data/links.json): what every field holds, read and checked on load.

The link checker writes the file (linkcheck/ledger.py); the site, `make check` and the checker itself
read it through `load`, which checks every field for its type. A wrong one is one line,
`data/links.json:12: <URL>: <field> <value>; allowed: …`, raised as DataError.
"""
from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Mapping

from edition.datafile import DataError

VERSION = 1
STATUSES = ("live", "dead", "deviated", "usurped", "unknown")
# Statuses the archive sets from a page's content, which an ok check leaves in place.
CONTENT_STATUSES = ("deviated", "usurped")
# What one check found (linkcheck.types.Outcome has the same values).
OUTCOMES = ("ok", "broken", "blocked", "transient", "invalid")
# How an entry's archived copy was found: three look-ups, or a new capture.
FOUND_BY = ("availability", "cdx", "redirect", "save")
# Where archived copies live; WAYBACK_BASE_URL (a mirror, or the tests' fake) adds its own /web/.
WAYBACK_WEB = "https://web.archive.org/web/"

TIME_ALLOWED = "a UTC time such as 2026-11-25T10:00:00Z"
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
_CITED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_STAMP = re.compile(r"\d{14}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def empty() -> dict:
    return {"version": VERSION, "links": {}}


def timestamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    """A check's time ("2026-11-25T10:00:00Z"); ValueError for anything else ("yesterday", 2026)."""
    if not isinstance(text, str) or not _TIME.fullmatch(text):
        raise ValueError(f"not a UTC time: {text!r}")
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=timezone.utc)


def wayback_prefixes(environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    base = environ.get("WAYBACK_BASE_URL", "").strip().rstrip("/")
    return (WAYBACK_WEB,) + ((f"{base}/web/",) if base else ())


def is_capture_address(url: object, prefixes: tuple[str, ...] | None = None) -> bool:
    """A Wayback Machine capture: https://web.archive.org/web/<timestamp>/<address>, nothing else."""
    if not isinstance(url, str):
        return False
    for prefix in prefixes or wayback_prefixes():
        if url.startswith(prefix) and re.fullmatch(r"\d{1,14}(?:[a-z]{2}_)?/\S+", url[len(prefix):]):
            return True
    return False


# ---- Reading ----

def load(path: Path | str) -> dict:
    """The ledger as data, every field checked; a missing or empty file is an empty ledger."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if not text.strip():
        return empty()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(path, error.lineno, f"not valid JSON ({error.msg})",
                        "the JSON the link checker writes") from None
    validate(data, path, text)
    return data


def check_file(path: Path | str) -> None:
    """What `make check` runs: the ledger loads (a missing one is fine)."""
    load(path)


def validate(data: object, path: Path | str, text: str = "") -> None:
    """Raise DataError for the first field of the wrong type or value, naming its URL and line."""
    if not isinstance(data, dict) or not isinstance(data.get("links"), dict):
        raise DataError(path, 1, "not a valid ledger", '{"version": 1, "links": {URL: {…}}}')
    if data.get("version") != VERSION:
        raise DataError(path, 1, f"not a valid ledger: version {data.get('version')!r}",
                        f"version {VERSION}, the one this edition reads")
    prefixes = wayback_prefixes()
    for url, entry in data["links"].items():
        problem = entry_problem(entry, prefixes)
        if problem:
            field, words, allowed = problem
            raise DataError(path, _line(text, url, field), f"{url}: {words}", allowed)


def entry_problem(entry: object, prefixes: tuple[str, ...] | None = None) -> tuple[list, str, str] | None:
    """What is wrong with one URL's entry: (the field's path, what is wrong, what is allowed), or None."""
    if not isinstance(entry, dict):
        return [], f"the entry is {_kind(entry)}", "an object with first_cited, status, status_since, checks"
    cited = entry.get("first_cited")
    if cited is not None and not (isinstance(cited, str) and _CITED.fullmatch(cited) and _is_date(cited)):
        return ["first_cited"], f"first_cited {cited!r}{_is_not_text(cited)}", \
            "a date as text: 2023, 2023-09 or 2023-09-05"
    status = entry.get("status", "unknown")
    if status not in STATUSES:
        return ["status"], f"status {status!r}", ", ".join(STATUSES)
    if "status_since" in entry and not _is_time(entry["status_since"]):
        return ["status_since"], f"status_since {entry['status_since']!r}", TIME_ALLOWED
    checks = entry.get("checks", [])
    if not isinstance(checks, list):
        return ["checks"], f"checks is {_kind(checks)}", "a list of checks, oldest first"
    for number, check in enumerate(checks):
        problem = _check_problem(check)
        if problem:
            field, words, allowed = problem
            return ["checks", number, *field], f"checks[{number}]{'.' + field[0] if field else ''} {words}", allowed
    return _archive_problem(entry, prefixes or wayback_prefixes()) or _fingerprint_problem(entry)


def _check_problem(check: object) -> tuple[list, str, str] | None:
    if not isinstance(check, dict):
        return [], f"is {_kind(check)}", "an object with time, outcome, http_status, final_url, redirects, reason"
    if not _is_time(check.get("time")):
        return ["time"], repr(check.get("time")), TIME_ALLOWED
    if check.get("outcome") not in OUTCOMES:
        return ["outcome"], repr(check.get("outcome")), ", ".join(OUTCOMES)
    status = check.get("http_status")
    if status is not None and not (_is_int(status) and 100 <= status <= 999):
        return ["http_status"], repr(status), "an HTTP status from 100 to 999, or null"
    for name in ("final_url", "reason", "suggestion", "missing_fragment"):
        if check.get(name) is not None and not isinstance(check[name], str):
            return [name], f"{check[name]!r}{_is_not_text(check[name])}", "text, or null"
    redirects = check.get("redirects", [])
    if not isinstance(redirects, list) or not all(
            isinstance(hop, dict) and isinstance(hop.get("url"), str) and _is_int(hop.get("status"))
            for hop in redirects):
        return ["redirects"], repr(redirects), 'a list of {"url": text, "status": number}'
    warnings = check.get("warnings", [])
    if not isinstance(warnings, list) or not all(isinstance(item, str) for item in warnings):
        return ["warnings"], repr(warnings), "a list of texts"
    return None


def _archive_problem(entry: dict, prefixes: tuple[str, ...]) -> tuple[list, str, str] | None:
    """The copy the site links to: it must be a Wayback Machine capture, never another address."""
    if "archive" not in entry or entry["archive"] is None:
        return None
    archive = entry["archive"]
    allowed = ("url, a 14-digit timestamp and found_by: " + ", ".join(FOUND_BY)
               + f"; the url a capture address ({prefixes[0]}<timestamp>/<address>)")
    if not isinstance(archive, dict):
        return ["archive"], f"archive {archive!r}", allowed
    if not is_capture_address(archive.get("url"), prefixes):
        return ["archive", "url"], f"archive url {archive.get('url')!r} is not a Wayback Machine capture", allowed
    if not (isinstance(archive.get("timestamp"), str) and _STAMP.fullmatch(archive["timestamp"])):
        return ["archive", "timestamp"], f"archive timestamp {archive.get('timestamp')!r}", allowed
    if archive.get("found_by") not in FOUND_BY:
        return ["archive", "found_by"], f"archive found_by {archive.get('found_by')!r}", allowed
    return None


def _fingerprint_problem(entry: dict) -> tuple[list, str, str] | None:
    """The fields drift detection adds: a fingerprint of the page's text, and a similarity from 0 to 1."""
    similarity = entry.get("similarity")
    if similarity is not None and not (_is_number(similarity) and 0 <= similarity <= 1):
        return ["similarity"], f"similarity {similarity!r}", "a number from 0 to 1"
    fingerprint = entry.get("fingerprint")
    if fingerprint is None:
        return None
    allowed = "time, title, text_sha256 (64 hex digits) and shingles (a list of whole numbers)"
    if not isinstance(fingerprint, dict):
        return ["fingerprint"], f"fingerprint is {_kind(fingerprint)}", allowed
    for name in ("time", "title"):
        if not isinstance(fingerprint.get(name, ""), str):
            return ["fingerprint", name], f"fingerprint {name} {fingerprint[name]!r}", allowed
    if "text_sha256" in fingerprint and not (isinstance(fingerprint["text_sha256"], str)
                                             and _SHA256.fullmatch(fingerprint["text_sha256"])):
        return ["fingerprint", "text_sha256"], f"fingerprint text_sha256 {fingerprint['text_sha256']!r}", allowed
    shingles = fingerprint.get("shingles", [])
    if not isinstance(shingles, list) or not all(_is_int(value) for value in shingles):
        return ["fingerprint", "shingles"], f"fingerprint shingles is {_kind(shingles)} of other things", allowed
    return None


# ---- Small helpers ----

def _is_time(value: object) -> bool:
    try:
        parse_time(value)  # type: ignore[arg-type]
    except ValueError:
        return False
    return True


def _is_date(text: str) -> bool:
    parts = [int(part) for part in text.split("-")] + [1, 1]
    try:
        datetime(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number")


def _is_not_text(value: object) -> str:
    return "" if isinstance(value, str) else f" ({_kind(value)}, not text)"


def _line(text: str, url: str, field: list) -> int | None:
    """The line of a field in the file as written: the URL's key, then each key of the field in turn.

    An index n in the field's path skips to the n+1-th occurrence of the key after it (checks[3].time is
    the fourth "time" after "checks"). Good enough for the indented JSON the checker writes; None when
    the URL cannot be found (a ledger merged from a journal).
    """
    at = text.find(json.dumps(url, ensure_ascii=False) + ":")
    if at < 0:
        at = text.find(json.dumps(url) + ":")
    if at < 0:
        return None
    skip = 0
    for part in field:
        if isinstance(part, int):
            skip = part
            continue
        for _ in range(skip + 1):
            found = text.find(f'"{part}"', at + 1)
            if found < 0:
                break
            at = found
        skip = 0
    return text.count("\n", 0, at) + 1
