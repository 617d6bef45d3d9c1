"""The Wayback Machine: the capture nearest before a citation date, or a new one from Save Page Now 2.

Plain `requests` calls against configurable endpoints (tests run them against a fake on 127.0.0.1).
"""
from __future__ import annotations

import calendar
import logging
import os
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping
from urllib.parse import urldefrag, urlsplit

import requests

from edition.ledger import WAYBACK_WEB, is_capture_address

log = logging.getLogger("linkcheck.wayback")

# The Availability API and CDX say "a good capture" with these HTTP statuses (as InternetArchiveBot).
GOOD_STATUSES = ("200", "203", "206")
# Save Page Now's job errors that a later attempt can cure; any other error ends the attempt.
RETRYABLE_JOB_ERRORS = ("error:user-session-limit", "error:too-many-requests", "error:service-unavailable")
TIMESTAMP_IN_URL = re.compile(r"/web/(\d{14})(?:[a-z]{2}_)?/")
USER_AGENT = "ovks-edition-linkcheck/1.0 (+archiving the sources of a scholarly edition)"
# What an archive's error text may put in a report or a log: one line, this long at most.
ERROR_TEXT_LIMIT = 160
HIDDEN = "[hidden]"
# Anything shaped like a credential, wherever a server's error text echoes it: a header's value, a
# scheme and its token ("LOW access:secret", "Bearer …"), key=value pairs, key:secret pairs, long runs
# of hex or base64.
CREDENTIAL_SHAPES = (
    (re.compile(r"(?i)\b((?:proxy-)?authori[sz]ation|cookie|x-api-key)\b([\"']?\s*[:=]\s*[\"']?)[^\"'\n,;}]+"),
     rf"\1\2{HIDDEN}"),
    (re.compile(r"(?i)\b(LOW|Bearer|Basic|Digest|Token|ApiKey)\s+[^\s\"',;}]+"), rf"\1 {HIDDEN}"),
    (re.compile(r"(?i)\b(access[_-]?key|secret(?:[_-]?key)?|api[_-]?key|token|password|passwd|signature|sig)\b"
                r"([\"']?\s*[:=]\s*[\"']?)[^\s\"'&,;}]+"), rf"\1\2{HIDDEN}"),
    (re.compile(r"\b[A-Za-z0-9_-]{8,}:[A-Za-z0-9_-]{8,}\b"), HIDDEN),
    (re.compile(r"\b[0-9a-fA-F]{16,}\b"), HIDDEN),
    (re.compile(r"(?<![\w+/=-])(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{24,}={0,2}"), HIDDEN),
)


# ---- Records ----

@dataclass(frozen=True)
class Endpoints:
    """Where each Wayback Machine API lives; `under(base)` puts all of them on one host (a fake)."""

    availability: str = "https://archive.org/wayback/available"
    cdx: str = "https://web.archive.org/cdx/search/cdx"
    web: str = "https://web.archive.org/web/"
    save: str = "https://web.archive.org/save"

    @classmethod
    def under(cls, base: str) -> "Endpoints":
        base = base.rstrip("/")
        return cls(f"{base}/wayback/available", f"{base}/cdx/search/cdx", f"{base}/web/", f"{base}/save")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Endpoints":
        """The real Wayback Machine, unless WAYBACK_BASE_URL names another (a fake or a mirror)."""
        base = environ.get("WAYBACK_BASE_URL", "").strip()
        return cls.under(base) if base else cls()

    def status(self, job_id: str) -> str:
        return f"{self.save.rstrip('/')}/status/{job_id}"


@dataclass(frozen=True)
class Capture:
    """One archived copy: its address, its 14-digit timestamp and how it was found."""

    url: str
    timestamp: str
    found_by: str

    def to_ledger(self) -> dict[str, str]:
        return {"url": self.url, "timestamp": self.timestamp, "found_by": self.found_by}


class Credentials:
    """An archive.org S3-style key pair. It never appears in repr, str, logs or exception messages."""

    __slots__ = ("_access", "_secret")

    def __init__(self, access: str, secret: str):
        self._access, self._secret = access, secret

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Credentials | None":
        access = environ.get("ARCHIVE_ORG_ACCESS_KEY", "").strip()
        secret = environ.get("ARCHIVE_ORG_SECRET_KEY", "").strip()
        return cls(access, secret) if access and secret else None

    def authorization(self) -> str:
        return f"LOW {self._access}:{self._secret}"

    def redact(self, text: str) -> str:
        """The text with these keys replaced, whatever shape a server echoed them in."""
        for key in (self._access, self._secret):
            text = text.replace(key, HIDDEN)
        return text

    def __repr__(self) -> str:
        return "Credentials(<hidden>)"

    __str__ = __repr__

    def __reduce__(self):
        raise TypeError("Credentials are not serialisable")


@dataclass(frozen=True)
class Pacing:
    """Save Page Now's limits as waits: about 7 captures a minute with keys, so one every 9 s."""

    save_interval: float = 9.0       # seconds between two POST /save
    poll_interval: float = 6.0       # seconds between two GET /save/status/<job>
    poll_limit: int = 50             # polls before a job counts as lost (about 5 minutes)
    backoff: float = 60.0            # first wait after a session limit, 429 or 509; doubles each time
    attempts: int = 4                # tries of one save (or one lookup) before giving up
    timeout: float = 30.0            # seconds for one HTTP request


# ---- Errors ----

class WaybackError(Exception):
    """The Wayback Machine did not answer usefully; the message says what happened (never the keys)."""


class RateLimited(WaybackError):
    """HTTP 429 or 509 after every backoff: slow down and try again in a later run."""


class SaveFailed(WaybackError):
    """Save Page Now ended a job with an error (`status_ext`, e.g. error:blocked) or lost it."""

    def __init__(self, url: str, status_ext: str, message: str = ""):
        """`status_ext` and `message` are the server's words: pass them through `scrub` first."""
        self.url, self.status_ext = url, status_ext
        super().__init__(f"Save Page Now could not capture {url}: {status_ext}" + (f" ({message})" if message else ""))


class NoCredentials(WaybackError):
    """Save Page Now needs ARCHIVE_ORG_ACCESS_KEY and ARCHIVE_ORG_SECRET_KEY."""


def scrub(text: object, limit: int = ERROR_TEXT_LIMIT) -> str:
    """An archive's error text made fit for a public report or a log: its first line, credential-shaped
    parts replaced by [hidden], cut to `limit` characters."""
    line = " ".join(str(text).strip().splitlines()[0].split()) if str(text).strip() else ""
    for shape, replacement in CREDENTIAL_SHAPES:
        line = shape.sub(replacement, line)
    return line if len(line) <= limit else line[: limit - 1] + "…"


# ---- Dates ----

def timestamp_for(cited: str) -> str:
    """The last second of a citation date ("2023-09" → 20230930235959): captures that month count as before."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", cited.strip()[:10])
    if not match:
        raise ValueError(f"citation date {cited!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.group(1), match.group(2), match.group(3)
    if month is None:
        return f"{year}1231235959"
    if day is None:
        day = f"{calendar.monthrange(int(year), int(month))[1]:02d}"
    return f"{year}{month}{day}235959"


# ---- The client ----

@dataclass
class Wayback:
    """Look-ups and captures, paced; `sleep` and `clock` are injectable so tests do not wait."""

    endpoints: Endpoints = field(default_factory=Endpoints)
    credentials: Credentials | None = None
    pacing: Pacing = field(default_factory=Pacing)
    session: requests.Session = field(default_factory=requests.Session)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last_save: float | None = field(default=None, init=False, repr=False)

    def __post_init__(self):
        self.session.headers["User-Agent"] = USER_AGENT

    # ---- Looking up an existing capture ----

    def find(self, url: str, cited: str, *, before: bool = True) -> Capture | None:
        """The capture nearest before the citation date (or nearest at all): Availability, CDX, redirect.

        None when the archive answered and has none; WaybackError when no API answered at all (then
        "no copy" is unknown, and a new capture would be a guess).
        """
        url = urldefrag(url).url
        limit = timestamp_for(cited)
        failures = []
        for method in (self._availability, self._cdx, self._redirect):
            try:
                capture = method(url, limit, before)
            except WaybackError as error:
                # One API failing (they are flaky) is a reason to ask the next one, not to stop.
                log.warning("%s", error)
                failures.append(str(error))
                continue
            if capture is not None:
                return capture
        if len(failures) == 3:
            raise WaybackError(f"no Wayback API answered for {url}: " + "; ".join(failures))
        return None

    def _availability(self, url: str, limit: str, before: bool) -> Capture | None:
        params = {"url": url, "timestamp": limit}
        if before:
            params["closest"] = "before"
        closest = self._json(self.endpoints.availability, params).get("archived_snapshots", {}).get("closest")
        if not closest or not closest.get("available") or str(closest.get("status")) not in GOOD_STATUSES:
            return None
        stamp = str(closest.get("timestamp", ""))
        if not re.fullmatch(r"\d{14}", stamp) or (before and stamp > limit):
            return None
        # The API names its captures with http://web.archive.org; readers get the https address.
        address = re.sub(r"^http://web\.archive\.org/", "https://web.archive.org/", str(closest.get("url")))
        if not is_capture_address(address, (WAYBACK_WEB, self.endpoints.web)):
            return None  # the site links to it: only a capture address, never what else an answer holds
        return Capture(address, stamp, "availability")

    def _cdx(self, url: str, limit: str, before: bool) -> Capture | None:
        params = {"url": url, "output": "json", "fl": "timestamp,original,statuscode",
                  "filter": "statuscode:20[036]", "limit": "-1" if before else "1"}
        if before:
            params["to"] = limit
        rows = self._json(self.endpoints.cdx, params)
        if not isinstance(rows, list) or len(rows) < 2:
            return None
        header, *captures = rows
        good = [dict(zip(header, row)) for row in captures]
        good = [row for row in good if row.get("statuscode") in GOOD_STATUSES
                and re.fullmatch(r"\d{14}", str(row.get("timestamp", ""))) and (not before or row["timestamp"] <= limit)]
        if not good:
            return None
        row = max(good, key=lambda row: row["timestamp"]) if before else good[0]
        return Capture(f"{self.endpoints.web}{row['timestamp']}/{row['original']}", row["timestamp"], "cdx")

    def _redirect(self, url: str, limit: str, before: bool) -> Capture | None:
        # Follow the redirects to the capture itself: a capture of an error page replays with its error.
        response = self._request("HEAD", f"{self.endpoints.web}{limit}/{url}", allow_redirects=True)
        match = TIMESTAMP_IN_URL.search(response.url)
        if str(response.status_code) not in GOOD_STATUSES or not match or (before and match.group(1) > limit):
            return None
        return Capture(f"{self.endpoints.web}{match.group(1)}/{url}", match.group(1), "redirect")

    # ---- Save Page Now 2 ----

    def save(self, url: str) -> Capture:
        """A new capture of a live page: submit, poll the job, back off on session limits."""
        if self.credentials is None:
            raise NoCredentials("Save Page Now needs ARCHIVE_ORG_ACCESS_KEY and ARCHIVE_ORG_SECRET_KEY")
        url = urldefrag(url).url
        wait = self.pacing.backoff
        for attempt in range(1, self.pacing.attempts + 1):
            try:
                return self._save_once(url)
            except SaveFailed as error:
                if error.status_ext not in RETRYABLE_JOB_ERRORS or attempt == self.pacing.attempts:
                    raise
                log.info("Save Page Now: %s for %s; waiting %.0f s", error.status_ext, url, wait)
            except RateLimited:
                if attempt == self.pacing.attempts:
                    raise
                log.info("Save Page Now asks to slow down; waiting %.0f s", wait)
            self.sleep(wait)
            wait *= 2
        raise AssertionError("unreachable: the loop returns or raises")

    def _save_once(self, url: str) -> Capture:
        self._pace_save()
        response = self._request("POST", self.endpoints.save, retry=False, auth=True,
                                 data={"url": url, "skip_first_archive": "1"})
        _refuse_redirect(response, url)
        if response.status_code in (429, 509):
            raise RateLimited(f"Save Page Now answered HTTP {response.status_code} for {url}")
        if response.status_code in (401, 403):
            raise SaveFailed(url, "error:no-access", f"HTTP {response.status_code}: check the archive.org keys")
        body = self._decode(response, "Save Page Now")
        if not isinstance(body, dict) or body.get("status") == "error" or "job_id" not in body:
            raise self._job_failed(url, body)
        job_id = str(body["job_id"])
        if not re.fullmatch(r"[\w.-]{1,100}", job_id):
            raise SaveFailed(url, "error:unknown", "Save Page Now answered an unusable job id")
        return self._poll(url, job_id)

    def _poll(self, url: str, job_id: str) -> Capture:
        for _ in range(self.pacing.poll_limit):
            self.sleep(self.pacing.poll_interval)
            response = self._request("GET", self.endpoints.status(job_id), auth=True)
            _refuse_redirect(response, url)
            job = self._decode(response, "Save Page Now status")
            if not isinstance(job, dict):
                raise self._job_failed(url, job)
            if job.get("status") == "success":
                stamp = str(job.get("timestamp", ""))
                original = str(job.get("original_url") or url)
                if not re.fullmatch(r"\d{14}", stamp) or not re.match(r"https?://\S+$", original):
                    raise SaveFailed(url, "error:unknown", "Save Page Now reported success without a capture")
                return Capture(f"{self.endpoints.web}{stamp}/{original}", stamp, "save")
            if job.get("status") == "error":
                raise self._job_failed(url, job)
        raise SaveFailed(url, "error:job-timeout", f"job {job_id} still pending after {self.pacing.poll_limit} polls")

    def _job_failed(self, url: str, body: object) -> SaveFailed:
        """A job's error in the server's words, scrubbed: servers have echoed the Authorization header."""
        body = body if isinstance(body, dict) else {}
        status_ext = self._server_text(body.get("status_ext") or "error:unknown")
        return SaveFailed(url, status_ext if re.fullmatch(r"error:[\w.-]+", status_ext) else "error:unknown",
                          self._server_text(body.get("message") or ""))

    def _server_text(self, text: object) -> str:
        text = str(text)
        return scrub(self.credentials.redact(text) if self.credentials else text)

    def _pace_save(self) -> None:
        now = self.clock()
        if self._last_save is not None:
            wait = self._last_save + self.pacing.save_interval - now
            if wait > 0:
                self.sleep(wait)
        self._last_save = self.clock()

    # ---- HTTP ----

    def _json(self, endpoint: str, params: dict[str, str]):
        response = self._request("GET", endpoint, params=params)
        if response.status_code != 200:
            raise WaybackError(f"{endpoint} answered HTTP {response.status_code}")
        return self._decode(response, endpoint)

    @staticmethod
    def _decode(response: requests.Response, what: str):
        try:
            return response.json()
        except ValueError:
            raise WaybackError(f"{what} answered HTTP {response.status_code} without JSON") from None

    def _request(self, method: str, url: str, *, retry: bool = True, auth: bool = False, **kwargs) -> requests.Response:
        """One request; 429/509 are retried with doubling waits when `retry`.

        The keys go only into the Authorization header of a request to the configured Save Page Now host,
        and such a request follows no redirect: an answer that sends it elsewhere is a failed save.
        """
        headers = {"Accept": "application/json"}
        if auth and self.credentials is not None:
            if _origin(url) != _origin(self.endpoints.save):
                raise WaybackError(f"refusing to send the archive.org keys to {_origin(url)}")
            headers["Authorization"] = self.credentials.authorization()
            kwargs["allow_redirects"] = False
        wait = self.pacing.backoff
        for attempt in range(1, self.pacing.attempts + 1):
            try:
                response = self.session.request(method, url, headers=headers, timeout=self.pacing.timeout, **kwargs)
            except requests.RequestException as error:
                # requests' messages name the URL only; `from None` drops the chained request objects.
                raise WaybackError(f"{method} {url} failed: {type(error).__name__}") from None
            if response.status_code not in (429, 509) or not retry:
                return response
            if attempt == self.pacing.attempts:
                raise RateLimited(f"{url} still answers HTTP {response.status_code} after {attempt} tries")
            self.sleep(_retry_after(response, wait))
            wait *= 2
        raise AssertionError("unreachable: the loop returns or raises")


def _origin(url: str) -> str:
    """scheme://host:port, without any user:password@ a Location might carry."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")


def _refuse_redirect(response: requests.Response, url: str) -> None:
    """Save Page Now answers where it was asked; a redirect (which the keys never follow) is no capture."""
    if response.is_redirect:
        where = _origin(requests.compat.urljoin(response.url, response.headers.get("Location", "")))
        elsewhere = f"another host ({where})" if where != _origin(response.url) else "another address"
        raise SaveFailed(url, "error:redirected", f"Save Page Now redirected the request to {elsewhere}; not saved")


def _retry_after(response: requests.Response, default: float) -> float:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else default
