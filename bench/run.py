"""Time pages in-process against the floor: `python -m bench.run --scale small|city|metropolis`.

SQLite by default, the database at ``--database-url`` otherwise (PostgreSQL, say); ``--skew``
measures the lumpy data set, ``--compare-skew`` both data sets and their ratio page by page.

For each page: median and p95 server time over many requests (Flask's test
client, no network), the SQL statements per request, and p95 as a multiple
of the floor, the trivial /healthz route measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time

from sqlalchemy import event, select

from icc_network.auth.models import User
from icc_network.auth.services import accounts
from icc_network.extensions import db

from .common import SCALES, Context, Measure, Page, bench_modules
from .compare import compare
from .generate import (
    OUT,
    database_url,
    engine_name,
    fingerprint,
    generate,
    make_app,
    skewed_url,
    stored_fingerprint,
)

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def ensure_database(scale: str, url: str | None, regenerate: bool, skew: bool) -> str:
    """The data set's URL, generated first when missing, empty or made by other generators."""
    if url:
        url = skewed_url(url) if skew else url
    else:
        url = database_url(scale, skew)
    if regenerate or stored_fingerprint(url) != fingerprint(scale, skew):
        print(f"generating the {scale}{' skewed' if skew else ''} data set on {engine_name(url)}...",
              flush=True)
        generate(scale, url, skew)
    return url


class Browser:
    """A signed-in (or anonymous) test client with its CSRF token."""

    def __init__(self, app, role: str | None) -> None:
        self.client = app.test_client()
        if role is not None:
            with app.app_context():
                user = db.session.scalar(
                    select(User).where(User.role == role, User.active.is_(True)).order_by(User.id))
                token = accounts.start_session(user, "bench")
                db.session.commit()
            with self.client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = token, True
        match = CSRF_META.search(self.client.get("/").get_data(as_text=True))
        self.csrf = match.group(1) if match else ""

    def request(self, page: Page, ctx: Context):
        if page.method == "GET":
            return self.client.get(page.path)
        data = dict(page.data(ctx) if page.data else {})
        data.setdefault("csrf_token", self.csrf)
        return self.client.open(page.path, method=page.method, data=data)


def _time(app, browser: Browser, page: Page, ctx: Context, n: int) -> tuple[list[float], float, int]:
    counter = {"n": 0}

    def count(*_args):
        counter["n"] += 1

    for _ in range(max(3, n // 20)):
        response = browser.request(page, ctx)
    status = response.status_code
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    samples = []
    try:
        for _ in range(n):
            started = time.perf_counter()
            browser.request(page, ctx)
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return samples, counter["n"] / n, status


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def results_name(scale: str, engine: str, skew: bool) -> str:
    """The stem of a run's results files under bench/out."""
    return f"results-{scale}-{engine}{'-skew' if skew else ''}"


def run(scale: str, requests: int, url: str | None, regenerate: bool, only: str | None,
        skew: bool = False) -> str:
    url = ensure_database(scale, url, regenerate, skew)
    engine = engine_name(url)
    app = make_app(url)
    ctx = Context(scale=scale, app=app, skew=skew)
    browsers: dict[str | None, Browser] = {}
    floor_samples, floor_queries, _ = _time(app, Browser(app, None), Page("floor", "/healthz", None), ctx,
                                            requests)
    floor = _p95(floor_samples)
    lines = [
        f"Scale: {scale}{', skewed' if skew else ''}; {engine}; {requests} requests per page; "
        "in-process server time (ms).",
        "",
        "| page | role | status | median | p95 | p95 / floor | queries/request | target |",
        "|---|---|---|---|---|---|---|---|",
        f"| floor: /healthz | anonymous | 200 | {statistics.median(floor_samples):.2f} | {floor:.2f} | 1.0 | {floor_queries:.1f} | |",
    ]
    rows = []
    measures: list[Measure] = []
    for module in bench_modules(app):
        area = module.__name__.rsplit(".", 1)[-1]
        if only and area not in only.split(","):
            continue
        with app.app_context():
            specs = module.pages(ctx)
        for page in specs:
            browser = browsers.get(page.role) or browsers.setdefault(page.role, Browser(app, page.role))
            samples, queries, status = _time(app, browser, page, ctx, requests)
            p95 = _p95(samples)
            target = []
            if page.budget_ms is not None:
                target.append(f"p95 ≤ {page.budget_ms:g} ms: {'met' if p95 <= page.budget_ms else 'MISSED'}")
            if page.floor_ratio is not None:
                ok = p95 <= page.floor_ratio * floor
                target.append(f"≤ {page.floor_ratio:g}× floor: {'met' if ok else 'MISSED'}")
            lines.append(
                f"| {page.name} | {page.role or 'anonymous'} | {status} | {statistics.median(samples):.2f} "
                f"| {p95:.2f} | {p95 / floor:.1f} | {queries:.1f} | {'; '.join(target)} |")
            rows.append({"area": area, "page": page.name, "role": page.role or "anonymous",
                         "status": status, "median_ms": statistics.median(samples), "p95_ms": p95,
                         "queries": queries})
        if hasattr(module, "extra"):
            with app.app_context():
                measures.extend(module.extra(ctx))
    if measures:
        lines += ["", "| measure | value (ms) | target |", "|---|---|---|"]
        for m in measures:
            verdict = "" if m.budget_ms is None else (
                f"≤ {m.budget_ms:g} ms: {'met' if m.value_ms <= m.budget_ms else 'MISSED'}")
            lines.append(f"| {m.name} | {m.value_ms:.1f} | {verdict} {m.note} |")
    report = "\n".join(lines)
    stem = results_name(scale, engine, skew)
    (OUT / f"{stem}.md").write_text(report + "\n")
    (OUT / f"{stem}.json").write_text(json.dumps(
        {"scale": scale, "engine": engine, "skew": skew, "requests": requests,
         "floor_p95_ms": floor, "floor_median_ms": statistics.median(floor_samples),
         "pages": rows, "measures": [{"name": m.name, "value_ms": m.value_ms} for m in measures]},
        indent=1) + "\n")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database-url", default=None,
                        help="PostgreSQL (or SQLite) database to run against; generated when it is "
                             "missing, empty or made by other generators")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--only", default=None, help="benchmark these areas only (comma-separated)")
    parser.add_argument("--skew", action="store_true",
                        help="lumpy data (a hot district, a much-heard rumour, a hub organisation), "
                             "kept apart from the even data set")
    parser.add_argument("--compare-skew", action="store_true",
                        help="run on the even and on the skewed data set, then compare p95 page by page")
    args = parser.parse_args()
    if not args.compare_skew:
        print(run(args.scale, args.requests, args.database_url, args.regenerate, args.only, args.skew))
        return
    for skew in (False, True):
        print(run(args.scale, args.requests, args.database_url, args.regenerate, args.only, skew))
    engine = engine_name(args.database_url or database_url(args.scale))
    even, skewed = (json.loads((OUT / f"{results_name(args.scale, engine, skew)}.json").read_text())
                    for skew in (False, True))
    table = compare(even, skewed)
    (OUT / f"{results_name(args.scale, engine, False)}-vs-skew.md").write_text(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
