"""A local copy of each live cited page: the exact HTTP response in a WARC file, with a JSON-lines index.

Written with WARCWriter from a streamed `requests` response (not warcio.capture_http, which patches
http.client for the whole process and is not safe with threads).
"""
from __future__ import annotations

import hashlib
import io
import json
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import requests
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from linkcheck import transport, urls
from linkcheck.ratelimit import HostLimiter

# Larger bodies are cut (a cited page is text; a 20 MB video is not the citation).
MAX_BODY = 20 * 1024 * 1024
CHUNK = 64 * 1024
# The body is stored de-chunked, so these headers would describe bytes the record does not hold.
HOP_HEADERS = ("transfer-encoding",)
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "ovks-edition-archive/1.0 (keeping copies of the sources of a scholarly edition)"


@dataclass(frozen=True)
class Fetched:
    """One live response as it came over the wire (identity encoding), with what was asked."""

    url: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    request_headers: tuple[tuple[str, str], ...]
    body: bytes
    time: datetime
    truncated: bool


def fetch(session: requests.Session, url: str, limiter: HostLimiter, *, timeout: float = 30.0,
          max_redirects: int = 10) -> list[Fetched]:
    """GET a page, streamed and uncompressed, redirects followed by hand: every answer of the chain.

    Each request line carries the cited bytes exactly (linkcheck.transport), as the checker sends them,
    and waits for its host's turn (linkcheck.ratelimit), as the checker's do.
    """
    chain: list[Fetched] = []
    current = url
    while True:
        with limiter.slot(urls.host(current)):
            answer = _get(session, current, timeout)
        chain.append(answer)
        location = dict((k.lower(), v) for k, v in answer.headers).get("location")
        if answer.status not in REDIRECTS or not location or len(chain) > max_redirects:
            return chain
        current = urls.resolve_location(current, location)


def _get(session: requests.Session, url: str, timeout: float) -> Fetched:
    headers = transport.exact_headers(urls.request_target(url), {
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
        "Accept-Encoding": "identity"})
    response = session.get(url, headers=headers, stream=True, timeout=timeout, allow_redirects=False)
    try:
        buffer, truncated = bytearray(), False
        for chunk in response.raw.stream(CHUNK, decode_content=False):
            buffer += chunk
            if len(buffer) > MAX_BODY:
                del buffer[MAX_BODY:]
                truncated = True
                break
        sent = tuple((k, v) for k, v in response.request.headers.items() if k != transport.RAW_TARGET)
        return Fetched(url, response.status_code, response.reason or "", tuple(response.raw.headers.items()),
                       sent, bytes(buffer), datetime.now(timezone.utc), truncated)
    finally:
        response.close()


class WarcStore:
    """One WARC file per run in a folder, and `index.jsonl` there: one line per stored response."""

    def __init__(self, folder: Path | str, name: str | None = None):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        self.path = self.folder / (name or f"sources-{stamp}.warc.gz")
        self.index = self.folder / "index.jsonl"
        self._lock = threading.Lock()

    def write(self, fetched: Fetched) -> dict:
        """Append a request and a response record; return (and index) where the response lies."""
        date = fetched.time.strftime("%Y-%m-%dT%H:%M:%SZ")
        target = urlsplit(fetched.url)
        request_line = f"GET {target.path or '/'}{'?' + target.query if target.query else ''} HTTP/1.1"
        http_headers = StatusAndHeaders(f"{fetched.status} {fetched.reason}".strip(),
                                        [(k, v) for k, v in fetched.headers if k.lower() not in HOP_HEADERS],
                                        protocol="HTTP/1.1")
        with self._lock, self.path.open("ab") as out:
            writer = WARCWriter(out, gzip=True)
            response = writer.create_warc_record(fetched.url, "response", payload=io.BytesIO(fetched.body),
                                                 length=len(fetched.body), http_headers=http_headers,
                                                 warc_headers_dict={"WARC-Date": date})
            offset = out.tell()
            writer.write_record(response)
            length = out.tell() - offset
            request = writer.create_warc_record(
                fetched.url, "request",
                http_headers=StatusAndHeaders(request_line, list(fetched.request_headers), is_http_request=True),
                warc_headers_dict={"WARC-Date": date,
                                   "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")})
            writer.write_record(request)
            entry = {"url": fetched.url, "timestamp": fetched.time.strftime("%Y%m%d%H%M%S"),
                     "status": fetched.status, "file": self.path.name, "offset": offset, "length": length,
                     "sha256": hashlib.sha256(fetched.body).hexdigest(), "truncated": fetched.truncated}
            with self.index.open("a", encoding="utf-8") as index:
                index.write(json.dumps(entry, sort_keys=True) + "\n")
        return entry
