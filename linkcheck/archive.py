"""Keep a copy of every cited page: record its Wayback capture in the ledger, and fingerprint live pages.

Works on the ledger's `links` mapping (URL → entry) and adds `archive`, `fingerprint` and `similarity`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum

import requests

from linkcheck import drift, pages, transport
from linkcheck.ratelimit import HostLimiter, Politeness
from linkcheck.wayback import Capture, NoCredentials, RateLimited, SaveFailed, Wayback, WaybackError
from linkcheck.warc import WarcStore, fetch

log = logging.getLogger("linkcheck.archive")

# Errors after which no further capture can succeed in this run; the rest wait for next week. A redirect
# of /save elsewhere means a misconfigured (or hijacked) endpoint: no further request gets the keys.
STOP_SAVING = ("error:too-many-daily-captures", "error:no-access", "error:redirected")


class Action(str, Enum):
    """What archiving did for one URL; `missing` and `failed` need a maintainer."""

    KEPT = "kept"  # the ledger already had a copy
    FOUND = "found"  # an existing capture, looked up
    SAVED = "saved"  # a new capture by Save Page Now
    MISSING = "missing"  # the archive has none, and none could be made
    FAILED = "failed"  # the archive did not answer, or Save Page Now failed


@dataclass(frozen=True)
class ArchiveResult:
    url: str
    action: Action
    detail: str = ""

    @property
    def needs_action(self) -> bool:
        return self.action in (Action.MISSING, Action.FAILED)


def is_live(entry: dict) -> bool:
    """Live now: the ledger says so, or its latest check answered ok (before the status is settled)."""
    checks = entry.get("checks") or []
    return entry.get("status") in ("live", "deviated") or bool(checks and checks[-1].get("outcome") == "ok")


def citation_date(entry: dict, today: str) -> str:
    return str(entry.get("first_cited") or today)


def archive_all(links: dict[str, dict], wayback: Wayback, *, save: bool = True,
                today: str | None = None) -> list[ArchiveResult]:
    """Find (or make) a copy for each link without one; the entries gain `archive` in place."""
    today = today or datetime.now(timezone.utc).strftime("%Y-%m-%d")
    results = []
    saving = save and wayback.credentials is not None
    for url in sorted(links):
        entry = links[url]
        if entry.get("archive"):
            results.append(ArchiveResult(url, Action.KEPT, entry["archive"].get("timestamp", "")))
            continue
        result, stop = _archive_one(url, entry, wayback, citation_date(entry, today), saving)
        saving = saving and not stop
        results.append(result)
    if save and wayback.credentials is None:
        log.warning("no ARCHIVE_ORG_ACCESS_KEY/ARCHIVE_ORG_SECRET_KEY: Save Page Now was not used")
    return results


def _archive_one(url: str, entry: dict, wayback: Wayback, cited: str, saving: bool) -> tuple[ArchiveResult, bool]:
    """One link: the capture before the citation date; else a new capture if live; else any capture."""
    try:
        capture = wayback.find(url, cited)
    except WaybackError as error:
        return ArchiveResult(url, Action.FAILED, str(error)), False
    # A page whose text drifted away from the citation is not worth a new capture: it is not what was cited.
    if capture is None and saving and is_live(entry) and entry.get("status") != "deviated":
        try:
            capture = wayback.save(url)
        except SaveFailed as error:
            return ArchiveResult(url, Action.FAILED, str(error)), error.status_ext in STOP_SAVING
        except (RateLimited, NoCredentials) as error:
            return ArchiveResult(url, Action.FAILED, str(error)), True
        except WaybackError as error:
            return ArchiveResult(url, Action.FAILED, str(error)), False
    if capture is None and not is_live(entry):
        # A page we cannot reach, with no copy from before the citation: a later copy beats none.
        try:
            capture = wayback.find(url, cited, before=False)
        except WaybackError as error:
            return ArchiveResult(url, Action.FAILED, str(error)), False
    if capture is None:
        return ArchiveResult(url, Action.MISSING, f"no capture before {cited}"), False
    entry["archive"] = capture.to_ledger()
    return ArchiveResult(url, Action.SAVED if capture.found_by == "save" else Action.FOUND, _describe(capture)), False


def run(links: dict[str, dict], wayback: Wayback, session: requests.Session | None = None, *, save: bool = True,
        warc_dir=None, time: str | None = None) -> tuple[str, bool]:
    """Fingerprint live pages first (so a drifted page is not captured anew), then archive every link.

    Returns the report section and whether it needs action; the entries change in place.
    """
    snapshot_all(links, session, store=WarcStore(warc_dir) if warc_dir else None, time=time)
    return report(archive_all(links, wayback, save=save), links)


def _describe(capture: Capture) -> str:
    return f"{capture.timestamp} ({capture.found_by})"


def snapshot_all(links: dict[str, dict], session: requests.Session | None = None, *, store: WarcStore | None = None,
                 time: str | None = None, threshold: float = drift.DEVIATED_BELOW,
                 limiter: HostLimiter | None = None) -> dict[str, float | None]:
    """Fetch each live link once: fingerprint or compare it (drift), and keep a WARC copy if asked.

    Returns the similarity per URL (None at a first fingerprint); links not live are not fetched.
    """
    time = time or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    session = session or transport.session()
    # One request at a time, a second apart per host: the archive run comes right after the check.
    limiter = limiter or HostLimiter(Politeness(host_concurrency=1, host_interval=1.0, max_concurrency=1))
    similarities: dict[str, float | None] = {}
    for url in sorted(links):
        entry = links[url]
        if not is_live(entry):
            continue
        try:
            chain = fetch(session, url, limiter)
        except (requests.RequestException, ValueError) as error:
            log.warning("%s: %s", url, type(error).__name__)
            continue
        if store is not None:
            for answer in chain:
                store.write(answer)
        final = chain[-1]
        content_type = next((value for name, value in final.headers if name.lower() == "content-type"), "")
        if final.status == 200 and pages.is_html(content_type):
            # The checker's decoding: the header's charset, then <meta>, then a guess (windows-1251 sites).
            similarities[url] = drift.update(entry, pages.decode(final.body, content_type), time, threshold)
    return similarities


# ---- The maintainers' report ----

def report(results: list[ArchiveResult], links: dict[str, dict]) -> tuple[str, bool]:
    """The archive section of the weekly report (Markdown), and whether anything in it needs action."""
    archived = sum(1 for entry in links.values() if entry.get("archive"))
    new = [r for r in results if r.action in (Action.FOUND, Action.SAVED)]
    lines = ["## Archived copies", "",
             f"{archived} of {len(links)} cited links have a copy in the Wayback Machine "
             f"({sum(r.action is Action.FOUND for r in new)} found and {sum(r.action is Action.SAVED for r in new)} "
             f"saved in this run).", ""]
    missing = [r for r in results if r.needs_action]
    if missing:
        lines += ["### Links without a copy", "", "| URL | cited | why |", "| --- | --- | --- |"]
        lines += [f"| {_cell(r.url)} | {links[r.url].get('first_cited', '')} | {_cell(r.detail)} |" for r in missing]
        lines.append("")
    changed = sorted((url, entry) for url, entry in links.items() if entry.get("status") == "deviated")
    if changed:
        lines += ["### Content changed since it was first checked", "",
                  "The page loads, but its text is no longer what was cited: cite the archived copy, or a new source.",
                  "", "| URL | similarity | since | archived copy |", "| --- | --- | --- | --- |"]
        lines += [f"| {_cell(url)} | {entry.get('similarity', '')} | {entry.get('status_since', '')} | "
                  f"{_cell((entry.get('archive') or {}).get('url', 'none'))} |" for url, entry in changed]
        lines.append("")
    orphans = dead_without_copy(links)
    if orphans:
        lines += ["### Dead links without any copy", "",
                  "Readers get nothing for these: find the text elsewhere, or cite another source.", ""]
        lines += [f"- <{url}>" for url in orphans]
        lines.append("")
    return "\n".join(lines), bool(missing or changed or orphans)


def dead_without_copy(links: dict[str, dict]) -> list[str]:
    """Dead links that readers cannot follow to any copy: the worst case, always worth an issue."""
    return sorted(url for url, entry in links.items() if entry.get("status") == "dead" and not entry.get("archive"))


def needs_action(check: dict | None, archive_needs_action: bool) -> bool:
    """Whether the weekly issue stays open: new dead links (the check's JSON report), or anything the
    archive section lists. A link that stays dead with a copy is handled: readers get the copy."""
    return bool(check and check.get("groups", {}).get("new_dead")) or archive_needs_action


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")
