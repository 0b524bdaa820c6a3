"""From Locust's samples to the report: throughput and percentiles per page, the write check."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

FLOOR = "floor: /healthz"


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    per_second: float
    p50: float
    p95: float
    p99: float
    role: str = ""


@dataclass
class WriteCheck:
    """Every submission the server accepted, looked for in the database afterwards."""

    accepted: int
    found: int
    lost: list[str] = field(default_factory=list)  # accepted, not in the database
    unconfirmed: list[str] = field(default_factory=list)  # in the database, answer never seen
    repeated: list[str] = field(default_factory=list)  # accepted more than once

    @property
    def ok(self) -> bool:
        return not self.lost and not self.repeated


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest rank on the sorted samples (as bench.run does); 0 without samples."""
    if not samples:
        return 0.0
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summarise(samples: dict, roles: dict[str, str] | None = None) -> list[Row]:
    """Rows per request name from the locustfile's samples: those ``roles`` names first, in its
    order, then the others (sign-ins) as they were first seen."""
    seconds = max(1e-9, (samples.get("to") or 0) - (samples.get("from") or 0))
    failures = samples.get("failures", {})
    seen = dict.fromkeys([*samples.get("times", {}), *failures])
    names = [name for name in (roles or {}) if name in seen] + [
        name for name in seen if name not in (roles or {})]
    rows = []
    for name in names:
        times = samples["times"].get(name, [])
        rows.append(Row(name=name, requests=len(times), failures=sum(failures.get(name, {}).values()),
                        per_second=len(times) / seconds, p50=percentile(times, 0.50),
                        p95=percentile(times, 0.95), p99=percentile(times, 0.99),
                        role=(roles or {}).get(name, "")))
    return rows


def check_writes(accepted: Iterable[str], found: Iterable[str]) -> WriteCheck:
    accepted, found = list(accepted), set(found)
    seen = set(accepted)
    repeats = [words for words in seen if accepted.count(words) > 1] if len(seen) < len(accepted) else []
    return WriteCheck(accepted=len(seen), found=len(found & seen), lost=sorted(seen - found),
                      unconfirmed=sorted(found - seen), repeated=sorted(repeats))


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def page_table(rows: list[Row], floor: Row | None) -> list[str]:
    """A markdown table; with a floor, each page's throughput also as a share of the floor's."""
    lines = ["| page | role | requests | errors | req/s | p50 ms | p95 ms | p99 ms |"
             + (" req/s vs floor |" if floor else ""),
             "|---|---|---|---|---|---|---|---|" + ("---|" if floor else "")]
    for row in rows:
        line = (f"| {row.name} | {row.role or 'anonymous'} | {row.requests} | {row.failures} "
                f"| {row.per_second:.1f} | {_ms(row.p50)} | {_ms(row.p95)} | {_ms(row.p99)} |")
        if floor:
            line += f" {row.per_second / floor.per_second:.0%} |" if floor.per_second else " |"
        lines.append(line)
    return lines


def failure_lines(samples: dict) -> list[str]:
    return [f"- {name}: {count} × {message}"
            for name, messages in samples.get("failures", {}).items()
            for message, count in messages.items()]


def write_lines(check: WriteCheck, seconds: float) -> list[str]:
    lines = [f"Writes: {check.accepted} sightings accepted ({check.accepted / max(seconds, 1e-9):.1f}/s), "
             f"{check.found} found in the database, {len(check.lost)} lost, "
             f"{len(check.repeated)} accepted twice, {len(check.unconfirmed)} stored whose answer was "
             "not seen (counted among the errors)."]
    lines += [f"- lost: {words}" for words in check.lost[:20]]
    return lines


def rss_lines(rss: dict[str, tuple[int, int]]) -> list[str]:
    """Start and end resident memory of each process (kB, as /proc says)."""
    lines = ["| process | RSS at start | RSS at end | change |", "|---|---|---|---|"]
    for name, (start, end) in rss.items():
        lines.append(f"| {name} | {start / 1024:.1f} MB | {end / 1024:.1f} MB "
                     f"| {(end - start) / 1024:+.1f} MB ({(end - start) / max(start, 1):+.1%}) |")
    return lines
