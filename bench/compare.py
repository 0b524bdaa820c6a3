"""Even against skewed data, page by page: `python -m bench.compare EVEN.json SKEWED.json`.

Reads two results files written by `bench.run` (bench/out/results-*.json) and prints each
page's p95 on both, the ratio, and whether it stays within the 1.5× the lumpy data may cost.
The ratio of the two p95 measured in floors (/healthz of each run) is printed beside it: on
a shared machine, a run that had the processor to itself shows it in its floor.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

LIMIT = 1.5


def compare(even: dict, skewed: dict, limit: float = LIMIT) -> str:
    """A Markdown table: pages in the even run's order, each with both p95 and their ratio."""
    other = {(row["page"], row["role"]): row for row in skewed["pages"]}
    lines = [
        f"Scale: {even['scale']}; {even['engine']} (even) against {skewed['engine']} (skewed); "
        f"p95 in ms, floor (/healthz) {even['floor_p95_ms']:.2f} even, "
        f"{skewed['floor_p95_ms']:.2f} skewed.",
        "",
        "| page | role | even p95 | skewed p95 | skewed / even | in floors | queries even → skewed | "
        f"within {limit:g}× |",
        "|---|---|---|---|---|---|---|---|",
    ]
    over = []
    for row in even["pages"]:
        match = other.get((row["page"], row["role"]))
        if match is None:
            lines.append(f"| {row['page']} | {row['role']} | {row['p95_ms']:.2f} | – | – | – | – | – |")
            continue
        ratio = match["p95_ms"] / row["p95_ms"] if row["p95_ms"] else float("inf")
        in_floors = ratio * even["floor_p95_ms"] / skewed["floor_p95_ms"]
        if ratio > limit:
            over.append(row["page"])
        lines.append(f"| {row['page']} | {row['role']} | {row['p95_ms']:.2f} | {match['p95_ms']:.2f} "
                     f"| {ratio:.2f} | {in_floors:.2f} | {row['queries']:.1f} → {match['queries']:.1f} "
                     f"| {'yes' if ratio <= limit else 'NO'} |")
    lines += ["", f"{len(over)} of {len(even['pages'])} pages grow more than {limit:g}× with lumpy "
                  f"data{': ' + '; '.join(over) if over else '.'}"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("even", type=Path)
    parser.add_argument("skewed", type=Path)
    parser.add_argument("--limit", type=float, default=LIMIT)
    args = parser.parse_args()
    print(compare(json.loads(args.even.read_text()), json.loads(args.skewed.read_text()), args.limit))


if __name__ == "__main__":
    main()
