"""`flask serve` (what `make run` starts) serves the app and runs the scheduler in one process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from icc_network.cli import PRODUCT_NAME, ProductRequestHandler

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _flask(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_serve_answers_http_and_the_scheduler_beats(tmp_path):
    database = tmp_path / "serve.sqlite"
    env = {**os.environ, "ICC_ENV": "development", "FLASK_APP": "icc_network:create_app",
           "DATABASE_URL": f"sqlite:///{database}", "SCHEDULER_HEARTBEAT_SECONDS": "1"}
    assert _flask("db", "upgrade", env=env).returncode == 0
    loaded = _flask("demo", "load", "--if-empty", env=env)
    assert loaded.returncode == 0, loaded.stderr
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "flask", "serve", "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    try:
        body, beats, server_header = None, 0, None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (body and beats):
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                    body, server_header = answer.read(), answer.headers["Server"]
            except OSError:
                continue
            engine = create_engine(f"sqlite:///{database}")
            with engine.connect() as connection:
                beats = connection.execute(text(
                    "SELECT run_count FROM job_status WHERE job_id = 'core.heartbeat'")).scalar() or 0
            engine.dispose()
        assert body and b'"ok"' in body
        assert beats >= 1
        assert server_header == PRODUCT_NAME
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "admin@demo.example.org" in output and "blue-harbour-lantern" in output


def test_the_development_server_names_the_product_but_no_versions():
    def application(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ["SERVER_SOFTWARE"].encode()]

    server = make_server("127.0.0.1", 0, application, request_handler=ProductRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=5) as answer:
            header, software = answer.headers["Server"], answer.read().decode()
    finally:
        server.shutdown()
        thread.join(timeout=5)
    assert header == software == PRODUCT_NAME
    assert "Werkzeug" not in header and "Python" not in header
