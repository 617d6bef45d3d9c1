"""A fake Wayback Machine on 127.0.0.1: Availability, CDX, /web redirects, Save Page Now 2 and its errors.

Tests give it captures and scripts of answers; it records every request it got (headers included).
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

ACCESS, SECRET = "fake-access-key-1234", "fake-secret-key-5678"


@dataclass
class Received:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str]


@dataclass
class FakeWayback:
    # url → [(timestamp, statuscode)] of its captures
    captures: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # HTTP statuses the Availability API and CDX answer with before answering properly (e.g. [429, 429])
    availability_errors: list[int] = field(default_factory=list)
    cdx_errors: list[int] = field(default_factory=list)
    # What POST /save answers, in order: an HTTP status (429, 509, 401), "session-limit", "job", a dict (the
    # JSON answer), or ("redirect", URL). In any text, "{authorization}" becomes the request's Authorization
    # header: servers that echo it are why error texts are scrubbed.
    save_script: list[object] = field(default_factory=list)
    # What GET /save/status/<job> answers, in order, for every job: dicts merged into {"job_id": …}
    job_script: list[dict] = field(default_factory=lambda: [{"status": "pending"},
                                                             {"status": "success", "timestamp": "20261125101500"}])
    received: list[Received] = field(default_factory=list)
    base: str = ""
    _jobs: dict[str, list[dict]] = field(default_factory=dict)

    def paths(self, prefix: str) -> list[Received]:
        return [r for r in self.received if r.path.startswith(prefix)]

    # ---- The APIs ----

    def availability(self, params: dict[str, str]) -> tuple[int, dict]:
        if self.availability_errors:
            return self.availability_errors.pop(0), {}
        stamp, before = params.get("timestamp", "99999999999999"), params.get("closest") == "before"
        good = [(ts, code) for ts, code in self.captures.get(params["url"], []) if code in ("200", "203", "206")]
        if before:
            good = [capture for capture in good if capture[0] <= stamp]
        if not good:
            return 200, {"url": params["url"], "archived_snapshots": {}}
        ts, code = min(good, key=lambda capture: abs(int(capture[0]) - int(stamp)))
        return 200, {"url": params["url"], "archived_snapshots": {"closest": {
            "available": True, "status": code, "timestamp": ts,
            "url": f"http://web.archive.org/web/{ts}/{params['url']}"}}}

    def cdx(self, params: dict[str, str]) -> tuple[int, object]:
        if self.cdx_errors:
            return self.cdx_errors.pop(0), []
        wanted = re.compile(params.get("filter", "statuscode:.*").split(":", 1)[1])
        rows = [[ts, params["url"], code] for ts, code in sorted(self.captures.get(params["url"], []))
                if wanted.fullmatch(code) and ts <= params.get("to", "99999999999999")]
        limit = int(params.get("limit", "0") or 0)
        rows = rows[limit:] if limit < 0 else rows[:limit] if limit else rows
        return 200, ([["timestamp", "original", "statuscode"], *rows] if rows else [])

    def replay(self, stamp: str, url: str) -> tuple[int, str | None]:
        """A capture replays with the status it had; any other timestamp redirects to the nearest one."""
        known = dict(self.captures.get(url, []))
        if stamp in known:
            return int(known[stamp]), None
        if not known:
            return 404, None
        ts = min(known, key=lambda ts: abs(int(ts) - int(stamp)))
        return 302, f"{self.base}/web/{ts}/{url}"

    def save(self, form: dict[str, str], headers: dict[str, str]) -> tuple[int, dict] | tuple[int, None, str]:
        if headers.get("Authorization") != f"LOW {ACCESS}:{SECRET}":
            return 401, {"status": "error", "status_ext": "error:no-access", "message": "bad keys"}
        step = self.save_script.pop(0) if self.save_script else "job"
        if isinstance(step, int):
            return step, {"message": "slow down"}
        if isinstance(step, tuple):
            return 307, None, step[1]
        if isinstance(step, dict):
            return 200, _echo(step, headers)
        if step == "session-limit":
            return 200, {"status": "error", "status_ext": "error:user-session-limit",
                         "message": "You have already reached the limit of active sessions."}
        job_id = f"spn2-{len(self._jobs) + 1}"
        self._jobs[job_id] = [dict(answer) for answer in self.job_script]
        return 200, {"url": form["url"], "job_id": job_id}

    def status(self, job_id: str, headers: dict[str, str]) -> tuple[int, dict]:
        script = self._jobs.get(job_id)
        if script is None:
            return 404, {"status": "error", "status_ext": "error:not-found"}
        answer = script.pop(0) if len(script) > 1 else script[0]
        return 200, _echo({"job_id": job_id, **answer}, headers)

    # ---- Serving ----

    def authorizations(self) -> list[str]:
        """Every Authorization header this server was sent."""
        return [r.headers["Authorization"] for r in self.received if "Authorization" in r.headers]

    def start(self) -> "FakeWayback":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _record(self, form: dict[str, str]) -> tuple[str, dict[str, str]]:
                parts = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(parts.query).items()}
                fake.received.append(Received(self.command, parts.path, params, dict(self.headers), form))
                return parts.path, params

            def _send(self, status: int, body: object = None, location: str | None = None) -> None:
                data = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if location:
                    self.send_header("Location", location)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                path, params = self._record({})
                if path == "/wayback/available":
                    self._send(*fake.availability(params))
                elif path == "/cdx/search/cdx":
                    self._send(*fake.cdx(params))
                elif path.startswith("/save/status/"):
                    self._send(*fake.status(path.rsplit("/", 1)[1], dict(self.headers)))
                elif match := re.match(r"/web/(\d{14})/(.+)", self.path):
                    status, location = fake.replay(match.group(1), match.group(2))
                    self._send(status, None, location)
                else:
                    self._send(404, {})

            do_HEAD = do_GET

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                path, _ = self._record(form)
                self._send(*fake.save(form, dict(self.headers))) if path == "/save" else self._send(404, {})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _echo(answer: dict, headers: dict[str, str]) -> dict:
    return {key: value.replace("{authorization}", headers.get("Authorization", "")) if isinstance(value, str) else value
            for key, value in answer.items()}
