"""Copy the front-end libraries installed by npm into the app's static folder.

The app serves them itself (no CDN); the copies are not committed.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "icc_network" / "static" / "vendor"

# node_modules path -> path under icc_network/static/vendor
FILES = {
    "chart.js/dist/chart.umd.min.js": "chart.js/chart.umd.min.js",
    "chart.js/LICENSE.md": "chart.js/LICENSE.md",
    "cytoscape/dist/cytoscape.min.js": "cytoscape/cytoscape.min.js",
    "cytoscape/LICENSE": "cytoscape/LICENSE",
    # The menus' collapse and dropdown; its CSS is built by scripts/build_assets.py.
    "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
    "bootstrap/LICENSE": "bootstrap/LICENSE",
}


def main() -> int:
    missing = []
    for source, target in FILES.items():
        src = ROOT / "node_modules" / source
        if not src.exists():
            missing.append(source)
            continue
        dest = TARGET / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists() or dest.read_bytes() != src.read_bytes():
            shutil.copyfile(src, dest)
    if missing:
        print("missing front-end files (run npm ci):", ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
