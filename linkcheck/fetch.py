"""Fetching: one request chain with redirects followed by hand, through the host limiter, body capped.

Failures are exceptions the checker classifies: Transient (retry later), Broken (gone for good).
"""
from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import warnings
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Iterable

import requests
import urllib3
from requests.cookies import RequestsCookieJar, extract_cookies_to_jar

from linkcheck import sites, transport, urls
from linkcheck.ratelimit import HostLimiter
from linkcheck.types import Hop

REDIRECTS = (301, 302, 303, 307, 308)

# The unverified retry after a certificate failure is deliberate (see Fetcher._request): no warning.
warnings.filterwarnings("ignore", category=urllib3.exceptions.InsecureRequestWarning)


class Transient(Exception):
    """A failure worth retrying; `retry_after` is the server's own wait, if it gave one.

    `kind` says what failed: "timeout" (the server kept us waiting the whole timeout), "dropped" (it
    closed or reset the connection without an answer, as firewalls do to robots), or "other".
    """

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None,
                 kind: str = "other"):
        super().__init__(reason)
        self.status, self.retry_after, self.kind = status, retry_after, kind


class Broken(Exception):
    """The chain itself failed for good: a loop, too many redirects, a domain that does not exist."""

    def __init__(self, reason: str, final_url: str | None, hops: list[Hop]):
        super().__init__(reason)
        self.final_url, self.hops = final_url, hops


@dataclass(frozen=True)
class Agent:
    """Who the checker says it is: a user agent and the headers that go with it."""

    user_agent: str
    headers: tuple[tuple[str, str], ...]
    browser: bool = False


def honest(user_agent: str) -> Agent:
    return Agent(user_agent, (
        ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        ("Accept-Language", "ru,de;q=0.9,en;q=0.8"),
        ("Accept-Encoding", "gzip, deflate"),
    ))


def browser(user_agent: str) -> Agent:
    """What Chrome sends when a reader opens a link: firewalls that refuse robots look for these."""
    return Agent(user_agent, (
        ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,"
                   "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"),
        ("Accept-Language", "ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7,de;q=0.6"),
        ("Accept-Encoding", "gzip, deflate"),
        ("Sec-Ch-Ua", '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"'),
        ("Sec-Ch-Ua-Mobile", "?0"),
        ("Sec-Ch-Ua-Platform", '"Linux"'),
        ("Sec-Fetch-Dest", "document"),
        ("Sec-Fetch-Mode", "navigate"),
        ("Sec-Fetch-Site", "none"),
        ("Sec-Fetch-User", "?1"),
        ("Upgrade-Insecure-Requests", "1"),
    ), browser=True)


@dataclass
class Answer:
    """The last answer of a redirect chain, with what was read of its body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    hops: list[Hop]
    warnings: list[str]


class Fetcher:
    """Sends requests as the checker's settings say; one requests Session per thread."""

    def __init__(self, limiter: HostLimiter, *, timeout: float, body_deadline: float, max_body: int,
                 max_redirects: int, ca_bundle: str | bool, pool: int, dns_canaries: tuple[str, ...]):
        self.limiter, self.timeout, self.body_deadline = limiter, timeout, body_deadline
        self.max_body, self.max_redirects, self.ca_bundle, self.pool = max_body, max_redirects, ca_bundle, pool
        self.dns_canaries = dns_canaries
        self._local = threading.local()
        self._dns_lock = threading.Lock()
        self._dns_works: bool | None = None

    def dns_works(self) -> bool:
        """Whether any well-known name resolves here: offline, every name is "unknown" (asked once a run)."""
        with self._dns_lock:
            if self._dns_works is None:
                self._dns_works = any(_resolves(name) for name in self.dns_canaries)
            return self._dns_works

    def _session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = transport.session(self.pool)
        return self._local.session

    def follow(self, url: str, method: str, agent: Agent) -> Answer:
        """Follow redirects by hand, recording each hop; a loop or too many is Broken.

        Cookies set on the way are sent on (a jar per chain, as a browser's): a 302 to the same
        address that sets a cookie is a cookie check, not a loop; only a return to an address with
        nothing new in the jar is.
        """
        hops: list[Hop] = []
        notes: list[str] = []
        jar = RequestsCookieJar()
        seen = {(url, _state(jar))}
        current = url
        while True:
            status, headers, body = self._request(current, method, agent, notes, jar)
            location = headers.get("location")
            if status not in REDIRECTS or not location:
                return Answer(current, status, headers, body, hops, notes)
            hops.append(Hop(current, status))
            try:
                following = urls.validate(urls.resolve_location(current, location))
            except urls.InvalidUrl as error:
                raise Broken(f"redirected to an unusable address {location!r}: {error}", current, hops) from None
            if (following, _state(jar)) in seen:
                raise Broken(f"redirect loop: {following} again after {len(hops)} redirect(s)", following, hops)
            if len(hops) > self.max_redirects:
                raise Broken(f"more than {self.max_redirects} redirects", following, hops)
            seen.add((following, _state(jar)))
            current = following

    def _request(self, url: str, method: str, agent: Agent, notes: list[str],
                 jar: RequestsCookieJar) -> tuple[int, dict[str, str], bytes]:
        """One request through the host's limiter; the body read up to the size and time caps."""
        headers = transport.exact_headers(urls.request_target(url), {"User-Agent": agent.user_agent,
                                                                     **dict(agent.headers)})
        verify = self.ca_bundle
        with self.limiter.slot(urls.host(url)):
            try:
                response = self._send(url, method, headers, verify, jar)
            except requests.exceptions.SSLError as error:
                if not _certificate_problem(error):
                    raise Transient(f"TLS failure: {_innermost(error)}", kind=_kind(error)) from None
                notes.append(f"TLS certificate not trusted ({_innermost(error)}); checked without verification")
                try:
                    response = self._send(url, method, headers, False, jar)
                except requests.exceptions.SSLError as again:
                    raise Transient(f"TLS failure: {_innermost(again)}", kind=_kind(again)) from None
            with response:
                status = response.status_code
                found = {name.lower(): value for name, value in response.headers.items()}
                extract_cookies_to_jar(jar, response.request, response.raw)
                # Pages are read in full (within the caps); error pages only as far as a bot wall shows.
                wanted = 0 if method != "GET" or status in REDIRECTS else self.max_body if status < 300 else sites.WALL_SCAN
                body = self._read(response, wanted) if wanted else b""
        return status, found, body

    def _send(self, url: str, method: str, headers: dict[str, str], verify: str | bool,
              jar: RequestsCookieJar) -> requests.Response:
        session = self._session()
        try:
            return session.request(method, url, headers=headers, allow_redirects=False, stream=True,
                                   timeout=self.timeout, verify=verify, cookies=jar)
        except requests.exceptions.SSLError:
            raise
        except requests.exceptions.Timeout:
            raise Transient(f"timed out after {self.timeout:g}s", kind="timeout") from None
        except requests.exceptions.ConnectionError as error:
            problem = _dns_problem(error)
            if problem == "unknown" and not self.dns_works():
                raise Transient(f"DNS does not work here (not even {', '.join(self.dns_canaries)} resolves)") from None
            if problem == "unknown":
                raise Broken(f"the domain {urls.host(url)} does not exist (DNS)", url, []) from None
            if problem == "temporary":
                raise Transient(f"DNS lookup of {urls.host(url)} failed for now") from None
            raise Transient(f"connection failed: {_innermost(error)}", kind=_kind(error)) from None
        except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                urllib3.exceptions.LocationParseError) as error:
            raise urls.InvalidUrl(f"malformed URL: {_innermost(error)}") from None
        except requests.exceptions.RequestException as error:
            raise Transient(f"request failed: {_innermost(error)}", kind=_kind(error)) from None
        finally:
            session.cookies.clear()  # the chain's own jar holds its cookies; nothing carries over to other URLs

    def _read(self, response: requests.Response, limit: int) -> bytes:
        """At most `limit` decompressed bytes within body_deadline; a slow or huge page is cut, not failed."""
        chunks, size = [], 0
        deadline = time.monotonic() + self.body_deadline
        try:
            for chunk in response.iter_content(64 * 1024):
                chunks.append(chunk)
                size += len(chunk)
                if size >= limit or time.monotonic() > deadline:
                    break
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError):
            pass  # the status line and headers arrived: the page exists; use what was read
        return b"".join(chunks)[:limit]


def retry_after(value: str | None) -> float | None:
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


def _state(jar: RequestsCookieJar) -> tuple:
    return tuple(sorted((cookie.domain, cookie.path, cookie.name, cookie.value or "") for cookie in jar))


def _kind(error: BaseException) -> str:
    """"dropped" when the server closed or reset the connection without an answer, else "other"."""
    dropped = (ConnectionResetError, ConnectionAbortedError, BrokenPipeError, http.client.BadStatusLine,
               http.client.IncompleteRead, ssl.SSLEOFError)
    return "dropped" if any(isinstance(item, dropped) for item in _chain(error)) else "other"


def _resolves(name: str) -> bool:
    try:
        socket.getaddrinfo(name, 443)
    except (socket.gaierror, UnicodeError):
        return False
    return True


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
