"""Generate the benchmark database: `python -m bench.generate --scale small|city|metropolis`."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from flask_migrate import upgrade

from icc_network import create_app
from icc_network.extensions import db

from .common import SCALES, Context, bench_modules

OUT = Path(__file__).resolve().parent / "out"


def database_url(scale: str) -> str:
    OUT.mkdir(exist_ok=True)
    return f"sqlite:///{OUT / f'bench-{scale}.sqlite'}"


def make_app(url: str):
    return create_app({"ENV_NAME": "testing", "TESTING": False, "SECRET_KEY": "bench-" + "x" * 40,
                       "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": True,
                       "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST_KIB": 1024, "ARGON2_PARALLELISM": 1,
                       "RATELIMIT_ENABLED": False})


def generate(scale: str, url: str | None = None) -> Context:
    url = url or database_url(scale)
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    app = make_app(url)
    ctx = Context(scale=scale, app=app)
    with app.app_context():
        upgrade()
        for module in bench_modules(app):
            started = time.perf_counter()
            module.generate(ctx)
            db.session.commit()
            print(f"  generated {module.__name__.rsplit('.', 1)[-1]} in {time.perf_counter() - started:.1f} s")
        db.session.remove()
    return ctx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    generate(args.scale, args.database_url)


if __name__ == "__main__":
    main()
