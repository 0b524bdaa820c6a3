"""The processes under load: gunicorn (with the repository's gunicorn.conf.py), the scheduler,
and a Redis of their own for the login limits; each started on 127.0.0.1 and stopped by pid."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from .common import ALLOWED_HOST, check_host

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def free_port(host: str = ALLOWED_HOST) -> int:
    with socket.socket() as probe:
        probe.bind((check_host(host), 0))
        return probe.getsockname()[1]


def rss_kb(pid: int) -> int:
    """Resident memory of a process, from /proc/<pid>/status (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def children(pid: int) -> list[int]:
    """The direct children of a process (gunicorn's workers)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except FileNotFoundError:
            continue
    return sorted(found)


@dataclass
class Server:
    url: str
    master: subprocess.Popen
    scheduler: subprocess.Popen | None

    def workers(self) -> list[int]:
        return children(self.master.pid)

    def memory(self) -> dict[str, int]:
        """kB resident per process: each gunicorn worker (by pid) and the scheduler."""
        sizes = {f"gunicorn worker {pid}": rss_kb(pid) for pid in self.workers()}
        if self.scheduler is not None:
            sizes[f"scheduler {self.scheduler.pid}"] = rss_kb(self.scheduler.pid)
        return sizes

    def alive(self) -> bool:
        return self.master.poll() is None and (self.scheduler is None or self.scheduler.poll() is None)


def app_environment(database_url: str, port: int, ratelimit_uri: str) -> dict[str, str]:
    """A production configuration, as a deployment would set it (see the README), except for
    the cost of password hashes: the benchmark's users carry cheap ones, and at the production
    cost each client's sign-in would take the CPU the pages are measured on (and rewrite the
    hash)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("ICC_", "GUNICORN_", "WEB_CONCURRENCY"))}
    env.update({
        "ICC_ENV": "production", "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url, "PUBLIC_URL": f"http://{ALLOWED_HOST}:{port}",
        "RATELIMIT_STORAGE_URI": ratelimit_uri, "FLASK_APP": "icc_network:create_app",
        "MAIL_SERVER": "", "PYTHONUNBUFFERED": "1",  # logs as they happen
        "ARGON2_TIME_COST": "1", "ARGON2_MEMORY_COST_KIB": "1024", "ARGON2_PARALLELISM": "1",
    })
    return env


@contextmanager
def redis(log: Path):
    """A Redis of our own on a free loopback port (without one: the limiter counts in memory,
    which is per worker)."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield "memory://"
        return
    port = free_port()
    process = subprocess.Popen(
        [binary, "--bind", ALLOWED_HOST, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, process, 10)
        yield f"redis://{ALLOWED_HOST}:{port}/0"
    finally:
        _stop(process)


@contextmanager
def serve(database_url: str, workers: int, out: Path, *, scheduler: bool = False):
    """gunicorn (and the scheduler) on the database; stopped, by pid, on leaving."""
    with ExitStack() as stack:
        ratelimit_uri = stack.enter_context(redis(out / "redis.log"))
        port = free_port()
        env = app_environment(database_url, port, ratelimit_uri)
        env.update({"GUNICORN_BIND": f"{ALLOWED_HOST}:{port}", "WEB_CONCURRENCY": str(workers)})
        master = subprocess.Popen([str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py")],
                                  cwd=ROOT, env=env, stdout=(out / "gunicorn.log").open("w"),
                                  stderr=subprocess.STDOUT)
        stack.callback(_stop, master)
        url = f"http://{ALLOWED_HOST}:{port}"
        _wait_until_healthy(url, master, 240)  # a busy machine boots workers slowly
        deadline = time.monotonic() + 30
        while len(children(master.pid)) < workers and time.monotonic() < deadline:
            time.sleep(0.2)
        background = None
        if scheduler:
            background = subprocess.Popen([str(BIN / "flask"), "scheduler", "run"], cwd=ROOT, env=env,
                                          stdout=(out / "scheduler.log").open("w"),
                                          stderr=subprocess.STDOUT)
            stack.callback(_stop, background)
        yield Server(url=url, master=master, scheduler=background)


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped at start-up")
        with socket.socket() as probe:
            if probe.connect_ex((ALLOWED_HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


def _wait_until_healthy(url: str, process: subprocess.Popen, seconds: float) -> None:
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped at start-up: see its log")
        try:
            with direct.open(f"{url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url}/healthz never answered")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM (gunicorn finishes the requests in flight), then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
