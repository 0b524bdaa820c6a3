"""What a phone downloads for the sighting form: `python -m bench.transfer` (`make bench-transfer`).

Signs in as the demo partner, then opens /sightings/new in a browser whose cache is
empty (first visit) and opens it again (repeat visit); the bytes are what went over
the wire (Chromium's encodedDataLength, headers included), and LCP is the page's
largest contentful paint, the median of --rounds pairs of visits on a warm server. The
public's home page, signed out, is measured the same way. The floor is the time to the
first byte of /healthz, from the same browser in the same run: on a loaded machine every
figure grows with it. Runs against a demo database it makes, or --url.
"""

from __future__ import annotations

import argparse
import statistics
import sys

from .demo_site import CHROMIUM, CHROMIUM_ARGS, demo_server, signed_in_cookies

PHONE = {"width": 390, "height": 844}
PAGE = "/sightings/new"
HOME = "/"
TARGETS = {"first visit": 120 * 1024, "repeat visit": 20 * 1024}
LCP_TARGET_MS = 500
TTFB_SCRIPT = "() => performance.getEntriesByType('navigation')[0].responseStart"
LCP_SCRIPT = """() => new Promise(resolve => new PerformanceObserver(list => {
  const entries = list.getEntries();
  resolve(entries[entries.length - 1].startTime);
}).observe({type: "largest-contentful-paint", buffered: true}))"""


def _visit(page, cdp, url: str) -> tuple[int, list[tuple[str, int]], float, float]:
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    page.goto(url, wait_until="load")
    lcp = page.evaluate(LCP_SCRIPT)
    ttfb = page.evaluate(TTFB_SCRIPT)
    page.wait_for_load_state("networkidle")
    rows = [(urls.get(rid, rid), size) for rid, size in sizes.items()
            if not urls.get(rid, "").startswith("data:")]
    return sum(size for _, size in rows), rows, lcp, ttfb


def _visits(browser, base: str, path: str, cookies: list, rounds: int) -> dict:
    """First and repeat visits of ``path`` on a phone, each pair in a cache of its own, on a
    warm server; per visit the bytes, responses, and the median LCP and first byte."""
    # The server's first answer of a page compiles its templates: a cost of the start, not
    # of a visitor's first visit. Another browser context asks for it first.
    warm_up = browser.new_context(base_url=base, viewport=PHONE, locale="fr-FR")
    warm_up.add_cookies(cookies)
    warm_up.new_page().goto(base + path)
    warm_up.close()
    samples: dict[str, list] = {visit: [] for visit in TARGETS}
    for _ in range(rounds):
        context = browser.new_context(base_url=base, viewport=PHONE, locale="fr-FR")
        context.add_cookies(cookies)
        for visit in TARGETS:
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            samples[visit].append(_visit(page, cdp, base + path))
            cdp.detach()
            page.close()
        context.close()
    return {visit: (runs[-1][0], runs[-1][1], statistics.median(run[2] for run in runs),
                    statistics.median(run[3] for run in runs))
            for visit, runs in samples.items()}


def _report(path: str, who: str, results: dict, base: str, verbose: bool) -> bool:
    ok = True
    print(f"{path}, {who}, {PHONE['width']} px wide")
    print(f"{'':14}{'transferred':>14}{'target':>12}{'LCP':>10}{'target':>10}"
          f"{'(first byte)':>14}")
    for visit, (total, rows, lcp, ttfb) in results.items():
        fits = total < TARGETS[visit] and lcp < LCP_TARGET_MS
        ok &= fits
        print(f"{visit:14}{total / 1024:>11.1f} KB{'< ' + str(TARGETS[visit] // 1024) + ' KB':>12}"
              f"{lcp:>7.0f} ms{'< ' + str(LCP_TARGET_MS) + ' ms':>10}{ttfb:>11.0f} ms"
              f"  {'ok' if fits else 'OVER'}")
        if verbose:
            for address, size in sorted(rows, key=lambda row: -row[1]):
                print(f"    {size / 1024:>8.1f} KB  {address.removeprefix(base)}")
    return ok


def _floor(browser, base: str, times: int = 9) -> float:
    """The median time to the first byte of /healthz (the trivial route)."""
    context = browser.new_context(base_url=base)
    page = context.new_page()
    samples = []
    for _ in range(times):
        page.goto(base + "/healthz")
        samples.append(page.evaluate(TTFB_SCRIPT))
    context.close()
    return statistics.median(samples)


def measure(base: str, email: str, password: str, verbose: bool, rounds: int = 5) -> bool:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        floor = _floor(browser, base)
        cookies = signed_in_cookies(browser, base, email, password)
        form = _visits(browser, base, PAGE, cookies, rounds)
        home = _visits(browser, base, HOME, [], rounds)
        floor = (floor + _floor(browser, base)) / 2  # before and after the pages
        browser.close()
    print(f"floor: /healthz answers its first byte in {floor:.0f} ms (median, same run); "
          f"LCP and first byte: medians of {rounds} visits")
    ok = _report(PAGE, f"signed in as {email}", form, base, verbose)
    print()
    return _report(HOME, "signed out", home, base, verbose) and ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (default: a demo database of its own)")
    parser.add_argument("--email", default="partenaire@demo.example.org")
    parser.add_argument("--password", default="orange-bridge-garden")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every response")
    parser.add_argument("--rounds", type=int, default=5,
                        help="first and repeat visits per page; their median is shown (default 5)")
    args = parser.parse_args()
    if args.url:
        return 0 if measure(args.url.rstrip("/"), args.email, args.password, args.verbose,
                            args.rounds) else 1
    with demo_server() as (base, _database):
        return 0 if measure(base, args.email, args.password, args.verbose, args.rounds) else 1


if __name__ == "__main__":
    sys.exit(main())
