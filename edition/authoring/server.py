"""The editors' preview (`make serve`): a build that never breaks the page, and the annotation form.

Every change rebuilds the site into a fresh folder, which replaces the served one only when the build
succeeded. After a failure every page shows the one-line messages of `make check` (and the terminal
the same lines), reloading by itself once the files are fixed; the last good version stays one click
away. Pages get the authoring script (edition/authoring/static/), which talks to api.py with a token
made for this run; the built site never contains any of it.
"""
from __future__ import annotations

import errno
import hmac
import logging
import secrets
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Iterable
from urllib.parse import parse_qs

from mkdocs.livereload import LiveReloadServer

from edition import check
from edition.authoring import api
from edition.authoring.templates import render

HOST = "127.0.0.1"  # the only interface the preview listens on
PREFIX = "/_edition/authoring/"  # the authoring script's files and API; nothing else lives here
STATIC = Path(__file__).parent / "static"

log = logging.getLogger("edition.site")


class PortTaken(Exception):
    """The port is in use; the message is the one line the terminal shows."""


class Build:
    """The served site: built into a fresh folder each time, swapped in only when the build succeeded."""

    def __init__(self, root: Path, build):
        self.root = root
        self.build = build  # build(site_dir) raises on failure
        self.base = Path(tempfile.mkdtemp(prefix="edition-serve-"))
        self.live = self.base / "site"
        self.errors: list[str] = []  # the last build's error lines; empty after a success

    def rebuild(self) -> None:
        """Build; on success swap the new site in, on failure keep the old one and record the lines."""
        fresh = Path(tempfile.mkdtemp(prefix="build-", dir=self.base))
        messages = _ErrorRecorder()
        logging.getLogger("mkdocs").addHandler(messages)
        try:
            self.build(fresh)
        except Exception as error:  # any failure: the preview must keep serving, never hang
            shutil.rmtree(fresh, ignore_errors=True)
            self.errors = failure_lines(self.root, error, messages.lines)
            log.error("The build failed; the preview keeps the last good version. To fix:")
            for line in self.errors:
                log.error("%s", line)
            return
        finally:
            logging.getLogger("mkdocs").removeHandler(messages)
        old = self.base / f"old-{secrets.token_hex(4)}"
        if self.live.exists():
            self.live.rename(old)
        fresh.rename(self.live)
        shutil.rmtree(old, ignore_errors=True)
        if self.errors:
            log.info("The build succeeds again.")
        self.errors = []

    def close(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)


def failure_lines(root: Path, error: BaseException, logged: list[str]) -> list[str]:
    """The one-line messages for a failed build: every data error `make check` finds, else what failed."""
    try:
        lines = check.run(root)
    except Exception:  # the check itself cannot read something; the build's own message says what
        lines = []
    if not lines:
        lines = logged or [f"{type(error).__name__}: {error}"]
    return [" ".join(line.split()) for line in lines]


class _ErrorRecorder(logging.Handler):
    """Collects what MkDocs logs as errors during one build (a hook's PluginError is only logged there)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        self.lines.append(message.split(": ", 1)[1] if message.startswith("Error building page") else message)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server with the error page, the Host/Origin/token fence and the authoring API."""

    def __init__(self, build: Build, port: int, authoring: api.Authoring):
        self.site = build
        self.authoring = authoring
        self.hosts = {f"{name}:{port}" for name in (HOST, "localhost")}
        self._bound = False
        super().__init__(builder=build.rebuild, host=HOST, port=port, root=str(build.live))

    def server_bind(self):
        # Bound early by preview() so that a taken port fails before the first build; serve() binds again.
        if not self._bound:
            super().server_bind()
            self._bound = True

    def _serve_request(self, environ, start_response) -> Iterable[bytes] | None:
        # Only pages asked for by this machine's own address: a page elsewhere that points a name at
        # 127.0.0.1 (DNS rebinding) sends its own Host and gets nothing.
        if environ.get("HTTP_HOST") not in self.hosts:
            return _respond(start_response, "403 Forbidden", b"unknown Host", "text/plain")
        path = environ["PATH_INFO"]
        if path.startswith(PREFIX):
            return self._authoring(environ, start_response, path[len(PREFIX):])
        if self.site.errors and _is_page(path) and "last-good" not in parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True):
            return self._error_page(start_response, path)
        return super()._serve_request(environ, start_response)

    def _authoring(self, environ, start_response, path: str):
        if path.startswith("static/"):
            name = path[len("static/"):]
            file = STATIC / name
            if "/" in name or not file.is_file():
                return None
            kind = "text/css" if name.endswith(".css") else "application/javascript"
            return _respond(start_response, "200 OK", file.read_bytes(), kind)
        if not self._allowed(environ):
            return _respond(start_response, "403 Forbidden", b'{"errors": ["refused: no valid token"]}',
                            "application/json")
        status, body = self.authoring.handle(environ.get("REQUEST_METHOD", "GET"), path,
                                             parse_qs(environ.get("QUERY_STRING", "")), _body(environ))
        return _respond(start_response, status, body, "application/json")

    def _allowed(self, environ) -> bool:
        """The run's token in its header, and (when the browser sends one) our own Origin."""
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None and origin != f"http://{environ.get('HTTP_HOST')}":
            return False
        return hmac.compare_digest(environ.get("HTTP_X_EDITION_TOKEN", ""), self.authoring.token)

    def _error_page(self, start_response, path: str):
        with self._epoch_cond:
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
        page = render("build-error.html", errors=self.site.errors, has_last_good=self.site.live.exists())
        # MkDocs' own live-reload script: the page reloads by itself after the next build.
        content = LiveReloadServer._inject_js_into_html(self, page.encode("utf-8"), epoch)
        return _respond(start_response, "500 Internal Server Error", content, "text/html; charset=utf-8")

    def _inject_js_into_html(self, content, epoch):
        content = super()._inject_js_into_html(content, epoch)
        tags = render("inject.html", prefix=PREFIX, token=self.authoring.token).encode("utf-8")
        at = content.rfind(b"</body>")
        return content[:at] + tags + content[at:] if at >= 0 else content + tags


def preview(root: Path, port: int, watched: Iterable[str]) -> None:
    """Serve the preview on 127.0.0.1:port until Ctrl+C; PortTaken if the port is in use."""
    from edition.site import build_site

    address = f"http://{HOST}:{port}/"
    build = Build(root, lambda site_dir: build_site(site_dir, strict=False, livereload_url=address))
    server = PreviewServer(build, port, api.Authoring(root, secrets.token_urlsafe(32), threading.Lock()))
    try:
        server.server_bind()
    except OSError as error:
        server.server_close()
        build.close()
        if error.errno == errno.EADDRINUSE:
            raise PortTaken(f"port {port} on {HOST} is taken ({error.strerror}); choose another free port: "
                            f"make serve PORT={port + 1}") from None
        raise PortTaken(f"cannot listen on {HOST}:{port} ({error.strerror}); choose another: "
                        f"make serve PORT=8001") from None
    # Stopped by a signal (a test, a process manager) as by Ctrl+C: the temporary folders go too.
    signal.signal(signal.SIGTERM, _interrupt)
    build.rebuild()
    for name in watched:
        server.watch(str(root / name))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        build.close()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _is_page(path: str) -> bool:
    return path.endswith("/") or path.endswith(".html")


def _body(environ) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    return environ["wsgi.input"].read(min(length, api.MAX_BODY)) if length > 0 else b""


def _respond(start_response, status: str, body: bytes, kind: str) -> list[bytes]:
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")])
    return [body]
