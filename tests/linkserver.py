"""HTTP(S) servers on loopback addresses for the link checker's tests: scripted answers, logged requests.

Each route answers a request target (path and query, byte for byte) with a Reply or a function.
"""
from __future__ import annotations

import gzip
import socket
import ssl
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterable


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    chunks: Callable[[], Iterable[bytes]] | None = None  # a streamed body instead of `body`
    gzip: bool = False
    head: "Reply | None" = None  # a different answer to HEAD
    drop: str = ""  # "close": hang up without answering; "reset": reset the connection (firewalls do both)

    def encoded(self) -> bytes:
        body = self.body.encode("utf-8") if isinstance(self.body, str) else self.body
        return gzip.compress(body) if self.gzip else body


def html(title: str, text: str = "", heading: str = "", charset: str = "utf-8", extra: str = "") -> bytes:
    page = (f"<!doctype html><html><head><meta charset='{charset}'><title>{title}</title></head><body>"
            f"<h1>{heading or title}</h1>{extra}<p>{text}</p></body></html>")
    return page.encode(charset)


@dataclass(frozen=True)
class Logged:
    method: str
    target: str  # as it stood on the request line
    agent: str
    start: float
    host: str


class Server:
    """A threaded server on `address`; `routes` maps request targets to answers, others get 404."""

    def __init__(self, address: str = "127.0.0.1", tls: ssl.SSLContext | None = None,
                 default: Reply | Callable[["Request"], Reply] | None = None):
        self.routes: dict[str, Reply | Callable[[Request], Reply]] = {}
        self.log: list[Logged] = []
        self.default = default or Reply(404, html("Not Found"))
        self.in_flight = 0
        self.max_in_flight = 0
        self.aborted = 0  # responses the client stopped reading
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer((address, 0), _handler(self))
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda request, address: None  # clients hang up on purpose (huge bodies)
        if tls:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self.address, self.port = address, self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, target: str = "/") -> str:
        return f"{self.scheme}://{self.address}:{self.port}{target}"

    def targets(self, method: str | None = None) -> list[str]:
        return [entry.target for entry in self.log if method in (None, entry.method)]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    headers: dict[str, str]
    count: int  # how many requests for this target came before, plus one


def _handler(server: Server):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def _answer(self) -> None:
            with server._lock:
                server.log.append(Logged(self.command, self.path, self.headers.get("User-Agent", ""),
                                         time.monotonic(), server.address))
                count = sum(1 for entry in server.log if entry.target == self.path)
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            try:
                route = server.routes.get(self.path, server.default)
                reply = route(Request(self.command, self.path, dict(self.headers), count)) if callable(route) else route
                if self.command == "HEAD" and reply.head is not None:
                    reply = reply.head
                time.sleep(reply.delay)
                if reply.drop:
                    self._drop(reply.drop)
                    return
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                with server._lock:
                    server.aborted += 1
            finally:
                with server._lock:
                    server.in_flight -= 1

        def _drop(self, how: str) -> None:
            self.close_connection = True
            if how == "reset":  # linger 0: the close sends RST instead of FIN
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.gzip:
                self.send_header("Content-Encoding", "gzip")
            if reply.chunks is not None:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                if self.command != "HEAD":
                    for chunk in reply.chunks():
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
                return
            body = reply.encoded()
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_HEAD = _answer

    return Handler
