"""Checking URLs: one request chain per URL, classified into an Outcome, many URLs in parallel.

Politeness comes from ratelimit; soft-404 rules from softnotfound; site quirks from sites.
"""
from __future__ import annotations

import queue
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable
from urllib.parse import unquote

from linkcheck import fetch, pages, sites, softnotfound, urls
from linkcheck.fetch import REDIRECTS, Broken, Fetcher, Transient, retry_after
from linkcheck.ratelimit import HostLimiter, Politeness
from linkcheck.types import Hop, Outcome, Result

HONEST_AGENT = ("ovks-edition-linkcheck/0.1 (checks the sources cited by a scholarly edition; "
                "weekly, 1 request/s per site)")
BROWSER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                 "Chrome/131.0 Safari/537.36")

PERMANENT = (301, 308)
GONE = (404, 410)
REFUSED = (401, 402, 403, 451, 999)
CHALLENGE_WORDS = 300  # a 2xx page with a bot wall's marker and fewer words than this is its challenge


@dataclass(frozen=True)
class Settings:
    timeout: float = 20.0  # seconds to connect, and between two reads
    body_deadline: float = 30.0  # seconds to read a body; what came by then is used
    max_body: int = 2 * 1024 * 1024  # bytes of (decompressed) body read at most
    max_redirects: int = 20  # as Chrome and Firefox
    retries: int = 2  # further tries of a transient failure, with doubling waits
    backoff: float = 2.0  # the first wait, in seconds, before jitter
    final_pass: bool = True  # retry what is still transient once more at the end, final_pass_delay after it failed
    final_pass_delay: float = 30.0
    politeness: Politeness = field(default_factory=Politeness)
    user_agent: str = HONEST_AGENT
    browser_agent: str = BROWSER_AGENT
    ca_bundle: str | bool = True  # requests' `verify`: a CA file for tests, True for the system's
    sibling_probe: bool = True
    # Names that always resolve where DNS works: if none does, "no such domain" means "no DNS here".
    dns_canaries: tuple[str, ...] = ("example.com", "iana.org", "wikipedia.org")
    quirks: dict[str, sites.Quirks] | None = None  # None: sites.QUIRKS


@dataclass(frozen=True)
class _Attempt:
    """A result with what the checker does next: ask as a browser (refused), try again at the end (again)."""

    result: Result
    refused: bool = False  # refused in a way that sites refuse robots: 4xx, a bot wall, a dropped connection
    again: bool = True  # a transient result worth a try in the final pass


class Checker:
    """Checks URLs politely; safe to use from many threads at once."""

    def __init__(self, settings: Settings | None = None, limiter: HostLimiter | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.settings = settings or Settings()
        self.limiter = limiter or HostLimiter(self.settings.politeness)
        self._sleep, self._clock = sleep, clock
        self.fetcher = Fetcher(self.limiter, timeout=self.settings.timeout, body_deadline=self.settings.body_deadline,
                               max_body=self.settings.max_body, max_redirects=self.settings.max_redirects,
                               ca_bundle=self.settings.ca_bundle, pool=max(self.settings.politeness.host_concurrency, 4),
                               dns_canaries=self.settings.dns_canaries)
        self.honest = fetch.honest(self.settings.user_agent)
        self.browser = fetch.browser(self.settings.browser_agent)
        self._siblings: dict[str, pages.Page | None] = {}
        self._sibling_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    # ---- Many URLs ----------------------------------------------------------------------

    def check_all(self, targets: Iterable[str], on_result: Callable[[Result], None] | None = None) -> list[Result]:
        """Check every URL, `host_concurrency` at a time per host; report each final result at once.

        What is still transient after the retries gets one more try at the end of the run, no sooner
        than `final_pass_delay` after it failed; a timeout (already a long wait) or a Retry-After longer
        than we wait does not.
        """
        targets = list(dict.fromkeys(targets))
        results: dict[str, Result] = {}
        failed_at: dict[str, float] = {}
        lock = threading.Lock()

        def finish(attempt: _Attempt, last_try: bool) -> None:
            result = attempt.result
            with lock:
                results[result.url] = result
                if (not last_try and attempt.again and result.outcome is Outcome.TRANSIENT
                        and self.settings.final_pass):
                    failed_at[result.url] = self._clock()
                    return
            if on_result:
                on_result(result)

        politeness = self.settings.politeness
        # One worker per host more than requests allowed in flight: while one reads a page it has fetched,
        # the host's free slot goes to the spare at once (the limiter still caps requests in flight).
        self._per_host(targets, self._check, lambda attempt: finish(attempt, False), politeness.host_concurrency + 1,
                       politeness.max_concurrency)
        if failed_at:
            final = Checker(replace(self.settings, retries=0), self.limiter, self._sleep, self._clock)

            def later(target: str) -> _Attempt:
                self._sleep(max(0.0, failed_at[target] + self.settings.final_pass_delay - self._clock()))
                attempt = final._check(target)
                return replace(attempt, result=_noted_final(attempt.result))

            pending = sorted(failed_at, key=failed_at.__getitem__)
            self._per_host(pending, later, lambda attempt: finish(attempt, True), 1, politeness.max_concurrency)
        return [results[target] for target in targets]

    @staticmethod
    def _per_host(targets: list[str], check: Callable[[str], _Attempt], done: Callable[[_Attempt], None],
                  workers_per_host: int, limit: int) -> None:
        """Run `check` over the targets with a few workers per host, each taking that host's next URL."""
        by_host: dict[str, queue.SimpleQueue] = {}
        for target in targets:
            by_host.setdefault(_host_or_blank(target), queue.SimpleQueue()).put(target)

        def work(host_queue: queue.SimpleQueue) -> None:
            while True:
                try:
                    target = host_queue.get_nowait()
                except queue.Empty:
                    return
                try:
                    attempt = check(target)
                except Exception as error:  # one odd URL must not end a weekly run; the report shows it
                    attempt = _Attempt(Result(target, Outcome.TRANSIENT,
                                              f"checker error: {type(error).__name__}: {error}"), again=False)
                done(attempt)

        # Never more threads than requests allowed in flight; a worker drains one host's queue at a time.
        workers = max(1, min(len(by_host) * workers_per_host, limit))
        with ThreadPoolExecutor(max_workers=workers) as executor:
            futures = [executor.submit(work, host_queue) for host_queue in by_host.values()
                       for _ in range(workers_per_host)]
            for future in futures:
                future.result()

    # ---- One URL ------------------------------------------------------------------------

    def check(self, cited: str) -> Result:
        """Check one URL as cited: retries, a browser's agent if refused, soft-404s, fragments."""
        return self._check(cited).result

    def _check(self, cited: str) -> _Attempt:
        try:
            url = urls.validate(cited)
        except urls.InvalidUrl as error:
            return _Attempt(Result(cited, Outcome.INVALID, str(error)), again=False)
        quirks = sites.quirks_for(urls.host(url), self.settings.quirks)
        agent = self.browser if quirks.browser_agent else self.honest
        try:
            first = self._with_retries(cited, url, agent)
            if agent.browser or not first.refused:
                return first
            # Many sites refuse robots (403, 404, 406, a challenge, a dropped connection) but serve readers.
            second = self._with_retries(cited, url, self.browser)
        except urls.InvalidUrl as error:
            return _Attempt(Result(cited, Outcome.INVALID, str(error)), again=False)
        return _browser_verdict(first, second)

    def _with_retries(self, cited: str, url: str, agent: fetch.Agent) -> _Attempt:
        attempt = 0
        cap = self.settings.politeness.max_retry_after
        while True:
            try:
                result = self._once(cited, url, agent)
                return _Attempt(result, refused=_refusal(result))
            except Transient as failure:
                host = urls.host(url)
                failed = Result(cited, Outcome.TRANSIENT, str(failure), http_status=failure.status)
                if failure.kind == "dropped" and not agent.browser:
                    return _Attempt(failed, refused=True)  # a firewall hanging up on robots: ask as a browser now
                if failure.kind == "timeout":
                    # The whole timeout is spent already; another wait now or at the end rarely helps and
                    # holds up the host: the next run is the retry (transient never counts towards dead).
                    return _Attempt(failed, again=False)
                if failure.retry_after is not None and failure.retry_after > cap:
                    if failure.status == 429:  # a rate limit concerns the host: pause it, as long as we wait
                        self.limiter.hold_back(host, cap)
                    reason = f"{failure} (Retry-After {failure.retry_after:.0f}s; we wait at most {cap:g}s)"
                    return _Attempt(replace(failed, reason=reason), again=False)
                if attempt >= self.settings.retries:
                    return _Attempt(failed)
                wait = self.settings.backoff * (2 ** attempt) * random.uniform(0.5, 1.5)
                if failure.retry_after is not None or failure.status == 429:
                    # Rate limits concern the whole host: every worker on it waits, not just this one.
                    self.limiter.hold_back(host, wait if failure.retry_after is None else failure.retry_after)
                    wait = 0.0
                self._sleep(wait)
                attempt += 1

    def _once(self, cited: str, url: str, agent: fetch.Agent) -> Result:
        """One try: follow the redirects, read the page, classify. Raises Transient to be retried."""
        try:
            answer = self.fetcher.follow(urls.without_fragment(url), "GET", agent)
        except Broken as error:
            return Result(cited, Outcome.BROKEN, str(error), final_url=error.final_url, redirects=tuple(error.hops))
        status, final, hops = answer.status, answer.url, tuple(answer.hops)
        common = dict(http_status=status, final_url=final, redirects=hops, warnings=tuple(answer.warnings))
        content_type = answer.headers.get("content-type", "")
        page = pages.parse(answer.body, content_type) if answer.body and pages.is_html(content_type) else None
        # A challenge instead of the page; on a 2xx only a small page (pages behind a wall may carry its scripts).
        small = status >= 300 or page is None or len(page.text.split()) < CHALLENGE_WORDS
        wall = sites.bot_wall(answer.headers, answer.body, final if hops else "") if small else None
        if wall:
            return Result(cited, Outcome.BLOCKED, f"bot wall ({wall} challenge, HTTP {status})", **common)
        step = sites.interstitial(url, final) if hops else None
        if step and status not in GONE:
            return Result(cited, Outcome.BLOCKED, f"redirected to a {step} page {final}: the page may exist", **common)
        if status in GONE:
            return Result(cited, Outcome.BROKEN, f"HTTP {status}", **common)
        if status in REFUSED:
            return Result(cited, Outcome.BLOCKED, f"HTTP {status}: access refused to us, the page may exist", **common)
        if status == 429 or status >= 500 or status == 408:
            raise Transient(f"HTTP {status}", status, retry_after(answer.headers.get("retry-after")))
        if status in REDIRECTS:
            raise Transient(f"HTTP {status} without a usable Location header", status)
        if status >= 400:  # 400, 405, 406…: mostly firewalls refusing robots, never proof of a missing page
            return Result(cited, Outcome.BLOCKED, f"HTTP {status}: the server refused the request", **common)
        verdict = softnotfound.assess(url, final, page, None)
        if not verdict.soft404 and page is not None and self._wants_probe(url, final):
            # Only what the page alone cannot decide needs the probe. The page came from `final`: its
            # neighbours are the ones to compare with.
            verdict = softnotfound.assess(url, final, page, self._sibling(final, agent))
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

    def _sibling(self, url: str, agent: fetch.Agent) -> pages.Page | None:
        """What a made-up neighbour of the URL gets (None for an honest error); once per parent."""
        probe = urls.sibling(url)
        key = urls.sibling(url, random.Random(0))  # the same key for every URL with this parent
        with self._lock:
            key_lock = self._sibling_locks.setdefault(key, threading.Lock())
        with key_lock:
            if key not in self._siblings:
                self._siblings[key] = self._probe(probe, agent)
            return self._siblings[key]

    def _probe(self, probe: str, agent: fetch.Agent) -> pages.Page | None:
        """HEAD first (cheap); GET when HEAD is refused or when the answer is 200 and must be compared."""
        try:
            head = self.fetcher.follow(probe, "HEAD", agent)
            if head.status in GONE or (head.hops and urls.is_home_page(head.url)):
                return None
            answer = self.fetcher.follow(probe, "GET", agent)
        except (Transient, Broken, urls.InvalidUrl):
            return None
        if answer.status != 200 or (answer.hops and urls.is_home_page(answer.url)):
            return None
        content_type = answer.headers.get("content-type", "")
        return pages.parse(answer.body, content_type) if pages.is_html(content_type) else None

# ---- Helpers ----------------------------------------------------------------------------

def _host_or_blank(url: str) -> str:
    try:
        return urls.host(url)
    except ValueError:
        return ""


def _noted_final(result: Result) -> Result:
    if result.outcome is Outcome.TRANSIENT:
        return replace(result, reason=result.reason + " (also in the final pass)")
    return result


def _refusal(result: Result) -> bool:
    """Whether an answer is one sites give robots they refuse: any 4xx (404 too), a bot wall, a login page."""
    if result.outcome is Outcome.BLOCKED:
        return True
    return result.outcome is Outcome.BROKEN and result.http_status in GONE


def _browser_verdict(first: _Attempt, second: _Attempt) -> _Attempt:
    """Which of the two answers counts when the honest agent was refused and a browser's asked again."""
    ours, theirs = first.result, second.result
    if theirs.outcome is ours.outcome and theirs.http_status == ours.http_status:
        return first  # the same answer to both: nothing to add
    note = f"refuses our user agent ({ours.reason}); answered a browser's"
    if theirs.outcome in (Outcome.OK, Outcome.BROKEN):  # a clear answer, not another refusal or timeout
        return replace(second, result=replace(theirs, warnings=theirs.warnings + (note,)))
    if ours.outcome is Outcome.BROKEN and theirs.outcome is Outcome.BLOCKED:
        # "Not found" to robots, "forbidden" to a browser: the 404 may be the firewall's; no false alarm.
        return replace(second, result=replace(theirs, reason=f"{theirs.reason} (our agent got {ours.reason})"))
    return first


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


