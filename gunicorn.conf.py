"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py` from the repository's root.

The load test (`make loadtest`, `make soak`) starts the application with this very file.
Each setting can be changed through the environment.

Sync workers: the pages spend their time in Python (SQL is a third of it at most), so
threads would not add throughput, and one request per process keeps a slow page from
holding up others in the same worker. Two workers per core keep the cores busy while
some workers wait for the database.
"""

import os

wsgi_app = "icc_network:create_app()"

# Behind the reverse proxy on the same machine: never exposed directly.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * _cores())
worker_class = "sync"
# An upload is refused after UPLOAD_READ_SECONDS (20 s by default), well within this.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
# On SIGTERM (a deploy), requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT") or 30)
# The proxy keeps connections open to gunicorn; a little longer than nothing saves handshakes.
keepalive = 5
# Recycling workers hides a leak rather than fixing it: off unless asked for
# (the soak test watches each worker's memory instead).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 0)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory: a busy disk does not get workers killed as stuck.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The proxy writes the access log; gunicorn's errors go to standard error (the journal).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "icc_network"
# gunicorn's control socket (gunicornc) is not used; two servers on one machine would share
# its default path.
control_socket_disable = True
# X-Forwarded-* from the proxy are read by the application itself (TRUST_PROXY_HEADERS=1).
