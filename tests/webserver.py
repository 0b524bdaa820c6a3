"""A real HTTP server on 127.0.0.1, started by the tests that fetch documents.

Each path answers what the test put in ``routes``: a body (bytes), or a function
of the handler that writes the answer itself (a redirect, a slow server...).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = bytes | Callable[[BaseHTTPRequestHandler], None]


class LocalServer:
    def __init__(self, server: ThreadingHTTPServer, routes: dict[str, Route]) -> None:
        self.server = server
        self.routes = routes
        self.requests: list[str] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path


def redirect(location: str, status: int = 302) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def slow(seconds: float, body: bytes = b"{}") -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        _send(handler, body)
    return answer


def unsized(body: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
    """A body sent without Content-Length (the reader must count as it reads)."""
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)
        handler.close_connection = True
    return answer


def _send(handler: BaseHTTPRequestHandler, body: bytes) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/ld+json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@contextmanager
def local_server(routes: dict[str, Route] | None = None) -> Iterator[LocalServer]:
    routes = {} if routes is None else routes
    local: LocalServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            local.requests.append(self.path)
            route = routes.get(self.path.split("?", 1)[0])
            if route is None:
                self.send_error(404)
            elif callable(route):
                route(self)
            else:
                _send(self, route)

        def log_message(self, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address) -> None:
            pass  # a client that gave up on a slow answer: nothing to report

    server = Server(("127.0.0.1", 0), Handler)
    local = LocalServer(server, routes)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield local
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
