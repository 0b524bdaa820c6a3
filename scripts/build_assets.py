"""Build the static files the app serves: Bootstrap from its sources, then a versioned,
precompressed copy of every static file and the manifest that lists them.

Run at install time (``make assets``) after ``npm ci`` and ``scripts/vendor_assets.py``;
nothing it writes is committed. Needs only node and the packages of package-lock.json.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from icc_network.core.assets import (  # noqa: E402
    COMPRESSIBLE,
    DIST_DIR,
    MANIFEST,
    content_hash,
    static_sections,
    versioned_name,
)

BOOTSTRAP_SOURCE = ROOT / "icc_network" / "core" / "scss" / "bootstrap.scss"
BOOTSTRAP_CSS = ROOT / "icc_network" / "static" / "vendor" / "bootstrap" / "bootstrap.min.css"
SASS = ROOT / "node_modules" / ".bin" / "sass"
# Bootstrap 5.3's sources use what newer Sass deprecates; its own warnings are not ours.
SASS_SILENCED = ("import", "global-builtin", "color-functions", "if-function")


def build_bootstrap() -> None:
    BOOTSTRAP_CSS.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(SASS), "--style=compressed", "--no-source-map", f"--load-path={ROOT / 'node_modules'}",
         "--quiet-deps", *(f"--silence-deprecation={name}" for name in SASS_SILENCED),
         str(BOOTSTRAP_SOURCE), str(BOOTSTRAP_CSS)],
        check=True)


def build_dist(dist: Path = DIST_DIR, sections: dict[str, Path] | None = None) -> dict:
    """Copy each static file to ``dist/<section>/<versioned name>`` with ``.gz`` and ``.br``
    versions of the text files, and write the manifest; return it."""
    sections = static_sections() if sections is None else sections
    staging = dist.with_name(dist.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    files: dict[str, dict[str, dict]] = {}
    to_brotli: list[Path] = []
    for section, folder in sections.items():
        for source in sorted(p for p in folder.rglob("*") if p.is_file()):
            filename = source.relative_to(folder).as_posix()
            data = source.read_bytes()
            stat = source.stat()
            digest = content_hash(data)
            files.setdefault(section, {})[filename] = {
                "hash": digest, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
            target = staging / section / versioned_name(filename, digest)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            if source.suffix in COMPRESSIBLE:
                with gzip.GzipFile(target.with_name(target.name + ".gz"), "wb", 9, mtime=0) as out:
                    out.write(data)
                to_brotli.append(target)
    if to_brotli:
        subprocess.run(["node", str(ROOT / "scripts" / "brotli.mjs"), *map(str, to_brotli)],
                       check=True)
    manifest = {"version": 1, "files": files}
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), "utf-8")
    # The app reads either the old build or the new one, never half of one.
    old = dist.with_name(dist.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if dist.exists():
        dist.rename(old)
    staging.rename(dist)
    shutil.rmtree(old, ignore_errors=True)
    return manifest


def main() -> int:
    build_bootstrap()
    manifest = build_dist()
    count = sum(len(section) for section in manifest["files"].values())
    print(f"{count} static files versioned and compressed in {DIST_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
