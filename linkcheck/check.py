"""Checking URLs: one request chain per URL, classified into an Outcome, many URLs in parallel.

Politeness comes from ratelimit; soft-404 rules from softnotfound; site quirks from sites.
"""
from __future__ import annotations

import queue
import random
import socket
import ssl
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from email.utils import parsedate_to_datetime
from typing import Callable, Iterable
from urllib.parse import unquote

import requests
import urllib3

from linkcheck import pages, sites, softnotfound, transport, urls
from linkcheck.ratelimit import HostLimiter, Politeness
from linkcheck.types import Hop, Outcome, Result

HONEST_AGENT = ("ovks-edition-linkcheck/0.1 (checks the sources cited by a scholarly edition; "
                "weekly, 1 request/s per site)")
BROWSER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Chrome/131.0 Safari/537.36")

REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
GONE = (404, 410)
REFUSED = (401, 402, 403, 451, 999)

# The unverified retry after a certificate failure is deliberate (see Checker._request): no warning.
warnings.filterwarnings("ignore", category=urllib3.exceptions.InsecureRequestWarning)


@dataclass(frozen=True)
class Settings:
    timeout: float = 20.0  # seconds to connect, and between two reads
    body_deadline: float = 30.0  # seconds to read a body; what came by then is used
    max_body: int = 2 * 1024 * 1024  # bytes of (decompressed) body read at most
    max_redirects: int = 10
    retries: int = 2  # further tries of a transient failure, with doubling waits
    backoff: float = 2.0  # the first wait, in seconds, before jitter
    final_pass: bool = True  # retry what is still transient once more, slowly, at the end
    final_pass_delay: float = 30.0
    politeness: Politeness = field(default_factory=Politeness)
    user_agent: str = HONEST_AGENT
    browser_agent: str = BROWSER_AGENT
    ca_bundle: str | bool = True  # requests' `verify`: a CA file for tests, True for the system's
    sibling_probe: bool = True
    quirks: dict[str, sites.Quirks] | None = None  # None: sites.QUIRKS


class _Transient(Exception):
    """A failure worth retrying; `retry_after` is the server's own wait, if it gave one."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.status, self.retry_after = status, retry_after


@dataclass
class _Answer:
    """The last answer of a redirect chain, with what was read of its body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    hops: list[Hop]
    warnings: list[str]


class Checker:
    """Checks URLs politely; safe to use from many threads at once."""

    def __init__(self, settings: Settings | None = None, limiter: HostLimiter | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.settings = settings or Settings()
        self.limiter = limiter or HostLimiter(self.settings.politeness)
        self._sleep = sleep
        pool = max(self.settings.politeness.host_concurrency, 4)
        self._local = threading.local()
        self._pool = pool
        self._siblings: dict[str, pages.Page | None] = {}
        self._sibling_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    # ---- Many URLs ----------------------------------------------------------------------

    def check_all(self, targets: Iterable[str], on_result: Callable[[Result], None] | None = None) -> list[Result]:
        """Check every URL, `host_concurrency` at a time per host; report each final result at once.

        What is still transient after the retries gets one slower try at the end of the run.
        """
        targets = list(dict.fromkeys(targets))
        by_host: dict[str, queue.SimpleQueue] = {}
        for target in targets:
            by_host.setdefault(_host_or_blank(target), queue.SimpleQueue()).put(target)
        results: dict[str, Result] = {}
        pending: list[str] = []
        lock = threading.Lock()

        def drain(work: queue.SimpleQueue) -> None:
            while True:
                try:
                    target = work.get_nowait()
                except queue.Empty:
                    return
                result = self.check(target)
                with lock:
                    results[target] = result
                    if result.outcome is Outcome.TRANSIENT and self.settings.final_pass:
                        pending.append(target)
                        continue
                if on_result:
                    on_result(result)

        self._run_per_host(by_host, drain)
        if pending:
            self._sleep(self.settings.final_pass_delay)
            slow = Checker(replace(self.settings, timeout=self.settings.timeout * 2, retries=0,
                                   body_deadline=self.settings.body_deadline * 2), self.limiter, self._sleep)
            again: dict[str, queue.SimpleQueue] = {}
            for target in pending:
                again.setdefault(_host_or_blank(target), queue.SimpleQueue()).put(target)

            def drain_slowly(work: queue.SimpleQueue) -> None:
                while True:
                    try:
                        target = work.get_nowait()
                    except queue.Empty:
                        return
                    result = slow.check(target)
                    if result.outcome is Outcome.TRANSIENT:
                        result = replace(result, reason=result.reason + " (also in the final, slower pass)")
                    with lock:
                        results[target] = result
                    if on_result:
                        on_result(result)

            self._run_per_host(again, drain_slowly, workers_per_host=1)
        return [results[target] for target in targets]

    def _run_per_host(self, by_host: dict[str, queue.SimpleQueue], work: Callable, workers_per_host: int | None = None) -> None:
        per_host = workers_per_host or self.settings.politeness.host_concurrency
        with ThreadPoolExecutor(max_workers=max(1, len(by_host) * per_host)) as executor:
            futures = [executor.submit(work, host_queue) for host_queue in by_host.values() for _ in range(per_host)]
            for future in futures:
                future.result()

    # ---- One URL ------------------------------------------------------------------------

    def check(self, cited: str) -> Result:
        """Check one URL as cited: retries, a browser's agent if refused, soft-404s, fragments."""
        try:
            url = urls.validate(cited)
        except urls.InvalidUrl as error:
            return Result(cited, Outcome.INVALID, str(error))
        quirks = sites.quirks_for(urls.host(url), self.settings.quirks)
        agent = self.settings.browser_agent if quirks.browser_agent else self.settings.user_agent
        try:
            result = self._with_retries(cited, url, agent)
        except urls.InvalidUrl as error:
            return Result(cited, Outcome.INVALID, str(error))
        # Many news sites refuse unknown agents (403, 406, 999, challenges): ask once more as a browser.
        if agent != self.settings.browser_agent and result.outcome is Outcome.BLOCKED:
            second = self._with_retries(cited, url, self.settings.browser_agent)
            if second.outcome is not result.outcome:
                note = f"refuses our user agent ({result.reason}); answered a browser's"
                return replace(second, warnings=second.warnings + (note,))
        return result

    def _with_retries(self, cited: str, url: str, agent: str) -> Result:
        attempt = 0
        while True:
            try:
                return self._once(cited, url, agent)
            except _Transient as failure:
                host = urls.host(url)
                too_long = failure.retry_after is not None and failure.retry_after > self.settings.politeness.max_retry_after
                if attempt >= self.settings.retries or too_long:
                    reason = str(failure) + (f" (Retry-After {failure.retry_after:.0f}s is too long)" if too_long else "")
                    return Result(cited, Outcome.TRANSIENT, reason, http_status=failure.status)
                wait = self.settings.backoff * (2 ** attempt) * random.uniform(0.5, 1.5)
                if failure.retry_after is not None:
                    self.limiter.hold_back(host, failure.retry_after)
                    wait = 0.0  # the limiter holds the host back; no need to wait twice
                self._sleep(wait)
                attempt += 1

    def _once(self, cited: str, url: str, agent: str) -> Result:
        """One try: follow the redirects, read the page, classify. Raises _Transient to be retried."""
        try:
            answer = self._follow(urls.without_fragment(url), "GET", agent)
        except _Broken as error:
            return Result(cited, Outcome.BROKEN, str(error), final_url=error.final_url, redirects=tuple(error.hops))
        status, final, hops = answer.status, answer.url, tuple(answer.hops)
        common = dict(http_status=status, final_url=final, redirects=hops, warnings=tuple(answer.warnings))
        if answer.headers.get("cf-mitigated", "").lower() == "challenge":
            return Result(cited, Outcome.BLOCKED, f"bot challenge (cf-mitigated: challenge, HTTP {status})", **common)
        if status in GONE:
            return Result(cited, Outcome.BROKEN, f"HTTP {status}", **common)
        if status in REFUSED:
            return Result(cited, Outcome.BLOCKED, f"HTTP {status}: access refused to us, the page may exist", **common)
        if status == 429 or status >= 500 or status == 408:
            raise _Transient(f"HTTP {status}", status, _retry_after(answer.headers.get("retry-after")))
        if status in REDIRECTS:
            raise _Transient(f"HTTP {status} without a usable Location header", status)
        if status >= 400:  # 400, 405, 406…: mostly firewalls refusing robots, never proof of a missing page
            return Result(cited, Outcome.BLOCKED, f"HTTP {status}: the server refused the request", **common)
        content_type = answer.headers.get("content-type", "")
        page = pages.parse(answer.body, content_type) if answer.body and pages.is_html(content_type) else None
        # The page came from `final`: its neighbours are the ones to compare with.
        sibling = self._sibling(final, agent) if page is not None and self._wants_probe(url, final) else None
        verdict = softnotfound.assess(url, final, page, sibling)
        if verdict.soft404:
            return Result(cited, Outcome.BROKEN, verdict.reason, **common)
        warnings = common.pop("warnings") + ((verdict.warning,) if verdict.warning else ())
        missing = self._missing_fragment(cited, page)
        return Result(cited, Outcome.OK, f"HTTP {status}" + (f" after {len(hops)} redirect(s)" if hops else ""),
                      suggestion=_permanent_target(hops, final, cited), missing_fragment=missing,
                      warnings=warnings, **common)

    def _wants_probe(self, url: str, final: str) -> bool:
        return self.settings.sibling_probe and not urls.is_home_page(url) and not urls.is_home_page(final)

    def _missing_fragment(self, cited: str, page: pages.Page | None) -> str | None:
        wanted = urls.fragment(cited)
        if page is None or wanted in sites.UNIVERSAL_FRAGMENTS or wanted.startswith(":~:"):
            return None
        if wanted in sites.quirks_for(urls.host(cited), self.settings.quirks).script_fragments:
            return None
        return None if wanted in page.anchors or unquote(wanted) in page.anchors else wanted

    # ---- Soft-404 probe -----------------------------------------------------------------

    def _sibling(self, url: str, agent: str) -> pages.Page | None:
        """What a made-up neighbour of the URL gets (None for an honest error); once per parent."""
        probe = urls.sibling(url)
        key = urls.sibling(url, random.Random(0))  # the same key for every URL with this parent
        with self._lock:
            key_lock = self._sibling_locks.setdefault(key, threading.Lock())
        with key_lock:
            if key not in self._siblings:
                self._siblings[key] = self._probe(probe, agent)
            return self._siblings[key]

    def _probe(self, probe: str, agent: str) -> pages.Page | None:
        """HEAD first (cheap); GET when HEAD is refused or when the answer is 200 and must be compared."""
        try:
            head = self._follow(probe, "HEAD", agent)
            if head.status in GONE or (head.hops and urls.is_home_page(head.url)):
                return None
            answer = self._follow(probe, "GET", agent)
        except (_Transient, _Broken, urls.InvalidUrl):
            return None
        if answer.status != 200 or (answer.hops and urls.is_home_page(answer.url)):
            return None
        content_type = answer.headers.get("content-type", "")
        return pages.parse(answer.body, content_type) if pages.is_html(content_type) else None

    # ---- HTTP ---------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = transport.session(self._pool)
        return self._local.session

    def _follow(self, url: str, method: str, agent: str) -> _Answer:
        """Follow redirects by hand, recording each hop; a loop or too many is _Broken."""
        hops: list[Hop] = []
        warnings: list[str] = []
        seen = {url}
        current = url
        while True:
            status, headers, body = self._request(current, method, agent, warnings)
            location = headers.get("location")
            if status not in REDIRECTS or not location:
                return _Answer(current, status, headers, body, hops, warnings)
            hops.append(Hop(current, status))
            try:
                following = urls.validate(urls.resolve_location(current, location))
            except urls.InvalidUrl as error:
                raise _Broken(f"redirected to an unusable address {location!r}: {error}", current, hops) from None
            if following in seen:
                raise _Broken(f"redirect loop: {following} again after {len(hops)} redirect(s)", following, hops)
            if len(hops) >= self.settings.max_redirects:
                raise _Broken(f"more than {self.settings.max_redirects} redirects", following, hops)
            seen.add(following)
            current = following
            if status == 303:
                method = "GET" if method != "HEAD" else method

    def _request(self, url: str, method: str, agent: str, warnings: list[str]) -> tuple[int, dict[str, str], bytes]:
        """One request through the host's limiter; the body read up to the size and time caps."""
        headers = transport.exact_headers(urls.request_target(url), {
            "User-Agent": agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "ru,de;q=0.9,en;q=0.8",
            "Accept-Encoding": "gzip, deflate",
        })
        verify = self.settings.ca_bundle
        with self.limiter.slot(urls.host(url)):
            try:
                response = self._send(url, method, headers, verify)
            except requests.exceptions.SSLError as error:
                if not _certificate_problem(error):
                    raise _Transient(f"TLS failure: {_innermost(error)}") from None
                warnings.append(f"TLS certificate not trusted ({_innermost(error)}); checked without verification")
                try:
                    response = self._send(url, method, headers, False)
                except requests.exceptions.SSLError as again:
                    raise _Transient(f"TLS failure: {_innermost(again)}") from None
            with response:
                status = response.status_code
                found = {name.lower(): value for name, value in response.headers.items()}
                body = self._read(response) if method == "GET" and status < 300 else b""
        return status, found, body

    def _send(self, url: str, method: str, headers: dict[str, str], verify: str | bool) -> requests.Response:
        try:
            return self._session().request(method, url, headers=headers, allow_redirects=False, stream=True,
                                           timeout=self.settings.timeout, verify=verify)
        except requests.exceptions.SSLError:
            raise
        except requests.exceptions.Timeout:
            raise _Transient(f"timed out after {self.settings.timeout:g}s") from None
        except requests.exceptions.ConnectionError as error:
            problem = _dns_problem(error)
            if problem == "unknown":
                raise _Broken(f"the domain {urls.host(url)} does not exist (DNS)", url, []) from None
            if problem == "temporary":
                raise _Transient(f"DNS lookup of {urls.host(url)} failed for now") from None
            raise _Transient(f"connection failed: {_innermost(error)}") from None
        except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                urllib3.exceptions.LocationParseError) as error:
            raise urls.InvalidUrl(f"malformed URL: {_innermost(error)}") from None
        except requests.exceptions.RequestException as error:
            raise _Transient(f"request failed: {_innermost(error)}") from None

    def _read(self, response: requests.Response) -> bytes:
        """At most max_body decompressed bytes within body_deadline; a slow or huge page is cut, not failed."""
        chunks, size = [], 0
        deadline = time.monotonic() + self.settings.body_deadline
        try:
            for chunk in response.iter_content(64 * 1024):
                chunks.append(chunk)
                size += len(chunk)
                if size >= self.settings.max_body or time.monotonic() > deadline:
                    break
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError):
            pass  # the status line and headers arrived: the page exists; use what was read
        return b"".join(chunks)[: self.settings.max_body]


class _Broken(Exception):
    """The chain itself failed for good: a loop, too many redirects, a domain that does not exist."""

    def __init__(self, reason: str, final_url: str | None, hops: list[Hop]):
        super().__init__(reason)
        self.final_url, self.hops = final_url, hops


# ---- Helpers ----------------------------------------------------------------------------

def _host_or_blank(url: str) -> str:
    try:
        return urls.host(url)
    except ValueError:
        return ""


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _permanent_target(hops: tuple[Hop, ...], final: str, cited: str) -> str | None:
    """Where the leading permanent redirects lead: the address to cite instead (with the fragment)."""
    count = 0
    while count < len(hops) and hops[count].status in PERMANENT:
        count += 1
    if not count:
        return None
    target = hops[count].url if count < len(hops) else final
    wanted = urls.fragment(cited)
    return target + (f"#{wanted}" if wanted and "#" not in target else "")


def _chain(error: BaseException) -> Iterable[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [error]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo.extend(item for item in (current.__cause__, current.__context__, getattr(current, "reason", None))
                    if isinstance(item, BaseException))
        todo.extend(item for item in current.args if isinstance(item, BaseException))


def _dns_problem(error: BaseException) -> str | None:
    """"unknown" when the name does not exist, "temporary" when the resolver failed, else None."""
    for item in _chain(error):
        if isinstance(item, socket.gaierror):
            if item.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
                return "unknown"
            return "temporary"
    return None


def _certificate_problem(error: BaseException) -> bool:
    return any(isinstance(item, ssl.SSLCertVerificationError) for item in _chain(error))


def _innermost(error: BaseException) -> str:
    items = list(_chain(error))
    text = str(items[-1]) if items else str(error)
    return text.splitlines()[0][:160] if text else type(error).__name__
